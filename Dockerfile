# InterviewBot as a container: built with the .NET 10 SDK, run on the ASP.NET Core 10 runtime as a non-root user,
# listening on port 8080.
#
#   docker build -t interviewbot .
#   docker run -p 8080:8080 -e MicrosoftAppType=UserAssignedMSI -e MicrosoftAppId=... interviewbot
#
# docs/deploy.md lists the settings it needs.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source

# Restore first, from the project files alone, so that a change to the code does not download the packages again.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/InterviewBot.Domain/InterviewBot.Domain.csproj src/InterviewBot.Domain/
COPY src/InterviewBot.Teams/InterviewBot.Teams.csproj src/InterviewBot.Teams/
COPY src/InterviewBot.Storage/InterviewBot.Storage.csproj src/InterviewBot.Storage/
COPY src/InterviewBot/InterviewBot.csproj src/InterviewBot/
RUN dotnet restore src/InterviewBot/InterviewBot.csproj

COPY src/ src/
RUN dotnet publish src/InterviewBot/InterviewBot.csproj --configuration Release --no-restore --output /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app

ENV ASPNETCORE_HTTP_PORTS=8080 \
    DOTNET_NOLOGO=1
EXPOSE 8080

COPY --from=build /app ./

# The embedded store (used when no Azure storage is configured) writes to /app/data; mount a volume there to keep it.
RUN mkdir -p /app/data && chown "$APP_UID" /app/data

# The image's unprivileged user.
USER $APP_UID

ENTRYPOINT ["dotnet", "InterviewBot.dll"]
