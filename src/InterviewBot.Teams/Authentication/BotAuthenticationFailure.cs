namespace InterviewBot.Teams.Authentication;

/// <summary>The rule an inbound request broke; logged, never shown to the caller.</summary>
internal enum BotAuthenticationFailure
{
    AuthorizationHeaderMissing,
    NotBearer,
    TokenMalformed,
    AlgorithmNotAllowed,
    IssuerNotAccepted,
    MetadataUnavailable,
    SigningKeyUnknown,
    SignatureInvalid,
    TokenExpired,
    TokenNotYetValid,
    LifetimeInvalid,
    AudienceMismatch,
    TokenInvalid,
    ChannelNotEndorsed,
    ServiceUrlClaimMissing,
    ServiceUrlMismatch,
    CallerNotAllowed,
    ServiceUrlNotTrusted,
}
