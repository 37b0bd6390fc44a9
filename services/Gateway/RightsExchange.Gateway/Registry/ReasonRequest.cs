using System.ComponentModel.DataAnnotations;

namespace RightsExchange.Gateway.Registry;

/// <summary>Body of <c>POST /api/pledges/{id}/release</c>, <c>/enforce</c> and <c>POST /api/transfers/{id}/reverse</c>: the reason,
/// recorded.</summary>
public sealed record ReasonRequest([property: Required, StringLength(500, MinimumLength = 2)] string Reason);
