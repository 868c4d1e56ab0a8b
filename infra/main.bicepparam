// Parameters of infra/main.bicep for one InterviewBot installation. Copy and adjust per environment.
// Secrets never live here: they are read from environment variables when the deployment starts.
using './main.bicep'

param namePrefix = 'interviewbot'

// B1 is enough to try InterviewBot; P0v3 or larger for production.
param appServicePlanSku = 'B1'
param instanceCount = 1
param botSku = 'F0'
param storageSku = 'Standard_ZRS'

// Empty: only the tenant you deploy in. Add the tenant ids of other organisations to serve them too.
param allowedTenantIds = []

// Entra object ids of the people allowed into the /hangfire dashboard.
param dashboardAdminObjectIds = []

// The REST API key your applicant tracking system sends as X-Api-Key (export INTERVIEWBOT_API_KEY=...).
param apiKey = readEnvironmentVariable('INTERVIEWBOT_API_KEY', '')

// A container image to run instead of the zip-deployed app, such as myregistry.azurecr.io/interviewbot:1.0.0.
// Grant the identityPrincipalId output AcrPull on the registry first.
param containerImage = ''

// Several instances need Hangfire on PostgreSQL: set deployPostgres = true and instanceCount > 1, and
// export POSTGRES_ADMIN_PASSWORD before deploying.
param deployPostgres = false
param postgresAdministratorPassword = readEnvironmentVariable('POSTGRES_ADMIN_PASSWORD', '')
