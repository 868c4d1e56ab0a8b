// InterviewBot on Azure: the web app (App Service for Linux, .NET 10), its Azure Bot registration with the
// Microsoft Teams channel, Table Storage reached with a managed identity (no account keys), Application Insights,
// and optionally PostgreSQL for Hangfire when several instances run.
//
// Deploy into a resource group:
//   az deployment group create --resource-group <rg> --template-file infra/main.bicep --parameters infra/main.bicepparam
// docs/deploy.md walks through it, and through what to do with the outputs.

targetScope = 'resourceGroup'

@description('Prefix of every resource name; a suffix unique to the resource group is added, so names do not collide.')
@minLength(3)
@maxLength(16)
param namePrefix string = 'interviewbot'

@description('Azure region of the web app, storage, monitoring and database. The bot registration itself is global.')
param location string = resourceGroup().location

@description('The App Service plan\'s pricing tier, such as B1 for a trial or P0v3 for production.')
param appServicePlanSku string = 'B1'

@description('How many instances of the web app run. More than one needs deployPostgres = true: Hangfire then keeps its jobs in PostgreSQL, shared by all instances.')
@minValue(1)
@maxValue(10)
param instanceCount int = 1

@description('Azure Bot pricing tier. F0 is free and covers the Microsoft Teams channel.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'F0'

@description('The bot\'s display name in the Azure portal. Users see the name in the Teams app manifest.')
@maxLength(42)
param botDisplayName string = 'InterviewBot'

@description('Storage redundancy of the account that holds loops, interviews and scorecards.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSku string = 'Standard_ZRS'

@description('Microsoft Entra tenant ids whose Teams activities the bot handles. Empty: only this deployment\'s own tenant.')
param allowedTenantIds string[] = []

@description('Entra object ids of the administrators allowed into the /hangfire dashboard.')
param dashboardAdminObjectIds string[] = []

@description('A key for the REST API (X-Api-Key header), for the applicant tracking system. Empty: the REST API refuses every call.')
@secure()
param apiKey string = ''

@description('A container image to run instead of the .NET runtime stack, such as myregistry.azurecr.io/interviewbot:1.0.0. The managed identity pulls it, so grant it AcrPull on the registry. Empty: deploy the published app as a zip.')
param containerImage string = ''

@description('Create a PostgreSQL flexible server for Hangfire\'s jobs, which several instances need.')
param deployPostgres bool = false

@description('The PostgreSQL administrator\'s login name.')
param postgresAdministratorLogin string = 'interviewbot'

@description('The PostgreSQL administrator\'s password; required when deployPostgres is true. Pass it from a secret store, never from a file.')
@secure()
param postgresAdministratorPassword string = ''

@description('Tags put on every resource.')
param tags object = {
  application: 'InterviewBot'
}

var suffix = uniqueString(resourceGroup().id, namePrefix)
var webAppName = '${namePrefix}-${suffix}'
var storageAccountName = take('${toLower(replace(namePrefix, '-', ''))}${suffix}', 24)
var tenants = empty(allowedTenantIds) ? [tenant().tenantId] : allowedTenantIds

// Storage Table Data Contributor: read and write table rows, nothing else.
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: '${namePrefix}-identity-${suffix}'
  location: location
  tags: tags
}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: '${namePrefix}-logs-${suffix}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${namePrefix}-insights-${suffix}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: storageSku
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-01-01' = {
  parent: storage
  name: 'default'
}

resource identityCanUseTables 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    description: 'InterviewBot reads and writes its tables as this managed identity.'
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2025-08-01' = if (deployPostgres) {
  name: '${namePrefix}-pg-${suffix}'
  location: location
  tags: tags
  sku: {
    name: 'Standard_B1ms'
    tier: 'Burstable'
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdministratorLogin
    administratorLoginPassword: postgresAdministratorPassword
    storage: {
      storageSizeGB: 32
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
    network: {
      publicNetworkAccess: 'Enabled'
    }
  }
}

resource postgresDatabase 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2025-08-01' = if (deployPostgres) {
  parent: postgres
  name: 'hangfire'
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// 0.0.0.0 to 0.0.0.0 is Azure's notation for "connections from Azure services", which includes App Service.
resource postgresAllowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2025-08-01' = if (deployPostgres) {
  parent: postgres
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: '${namePrefix}-plan-${suffix}'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServicePlanSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

var botSettings = [
  {
    name: 'MicrosoftAppType'
    value: 'UserAssignedMSI'
  }
  {
    name: 'MicrosoftAppId'
    value: identity.properties.clientId
  }
  {
    name: 'MicrosoftAppTenantId'
    value: tenant().tenantId
  }
  {
    // Where the bot starts personal chats with interviewers it has never heard from.
    name: 'Bot__TenantId'
    value: tenant().tenantId
  }
]

var storageSettings = [
  {
    name: 'Storage__TableEndpoint'
    value: storage.properties.primaryEndpoints.table
  }
  {
    name: 'Storage__ManagedIdentityClientId'
    value: identity.properties.clientId
  }
  {
    // DefaultAzureCredential goes straight to the managed identity instead of probing the whole chain.
    name: 'AZURE_TOKEN_CREDENTIALS'
    value: 'ManagedIdentityCredential'
  }
  {
    name: 'AZURE_CLIENT_ID'
    value: identity.properties.clientId
  }
]

var monitoringSettings = [
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: appInsights.properties.ConnectionString
  }
  {
    name: 'ApplicationInsightsAgent_EXTENSION_VERSION'
    value: '~3'
  }
]

var tenantSettings = [
  for (tenantId, i) in tenants: {
    name: 'Bot__AllowedTenants__${i}'
    value: tenantId
  }
]

var adminSettings = [
  for (objectId, i) in dashboardAdminObjectIds: {
    name: 'Access__Admins__${i}'
    value: objectId
  }
]

var apiSettings = empty(apiKey)
  ? []
  : [
      {
        name: 'Api__Keys__0'
        value: apiKey
      }
    ]

var containerSettings = empty(containerImage)
  ? []
  : [
      {
        name: 'WEBSITES_PORT'
        value: '8080'
      }
    ]

var hangfireSettings = deployPostgres
  ? [
      {
        name: 'Hangfire__ConnectionString'
        value: 'Host=${postgres!.properties.fullyQualifiedDomainName};Database=hangfire;Username=${postgresAdministratorLogin};Password=${postgresAdministratorPassword};SslMode=Require'
      }
    ]
  : []

resource webApp 'Microsoft.Web/sites@2025-03-01' = {
  name: webAppName
  location: location
  tags: tags
  kind: empty(containerImage) ? 'app,linux' : 'app,linux,container'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: empty(containerImage) ? 'DOTNETCORE|10.0' : 'DOCKER|${containerImage}'
      acrUseManagedIdentityCreds: !empty(containerImage)
      acrUserManagedIdentityID: empty(containerImage) ? null : identity.properties.clientId
      alwaysOn: !startsWith(appServicePlanSku, 'F') && !startsWith(appServicePlanSku, 'D')
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      healthCheckPath: '/health'
      appSettings: concat(
        botSettings,
        storageSettings,
        monitoringSettings,
        tenantSettings,
        adminSettings,
        apiSettings,
        containerSettings,
        hangfireSettings
      )
    }
  }
  dependsOn: [
    identityCanUseTables
    tableService
  ]
}

// Deployments sign in with Microsoft Entra ID (az webapp deploy does), never with publishing passwords.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: webApp
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: webApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${namePrefix}-bot-${suffix}'
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppType: 'UserAssignedMSI'
    msaAppId: identity.properties.clientId
    msaAppTenantId: tenant().tenantId
    msaAppMSIResourceId: identity.id
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

@description('The web app, for az webapp deploy.')
output webAppName string = webApp.name

@description('The web app\'s host name: the domain of the Teams app package.')
output webAppHostName string = webApp.properties.defaultHostName

@description('The bot\'s messaging endpoint, as registered with the Azure Bot.')
output messagingEndpoint string = bot.properties.endpoint

@description('The Azure Bot resource.')
output botName string = bot.name

@description('The bot\'s Microsoft App ID, which is the managed identity\'s client id: the botId of the Teams app package.')
output botAppId string = identity.properties.clientId

@description('The user-assigned managed identity\'s client id (the same as botAppId).')
output identityClientId string = identity.properties.clientId

@description('The managed identity\'s object id, for more role assignments (AcrPull on a registry).')
output identityPrincipalId string = identity.properties.principalId

@description('The directory (tenant) the bot belongs to.')
output tenantId string = tenant().tenantId

@description('The storage account holding InterviewBot\'s tables.')
output storageAccountName string = storage.name

@description('The table service endpoint the app uses (Storage:TableEndpoint).')
output storageTableEndpoint string = storage.properties.primaryEndpoints.table

@description('Application Insights, where requests, failures and logs go.')
output appInsightsName string = appInsights.name

@description('The PostgreSQL server for Hangfire, when deployPostgres is true.')
output postgresServerFqdn string = deployPostgres ? postgres!.properties.fullyQualifiedDomainName : ''
