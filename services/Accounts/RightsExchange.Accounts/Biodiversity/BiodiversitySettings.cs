namespace RightsExchange.Accounts.Biodiversity;

/// <summary>The biodiversity offsets scheme's settings (section <c>Biodiversity</c>).</summary>
public sealed class BiodiversitySettings
{
    /// <summary>The participant whose cash account is the Biodiversity Conservation Fund's.</summary>
    public string FundAccountId { get; set; } = "biodiversity-conservation-fund";

    /// <summary>The participant whose cash account is the Biodiversity Stewardship Payments Fund's.</summary>
    public string StewardshipFundAccountId { get; set; } = "biodiversity-stewardship-payments-fund";

    /// <summary>
    /// The share of a stewardship agreement's Total Fund Deposit paid in at which the yearly payments to the land
    /// holder begin.
    /// </summary>
    public decimal StewardshipPaymentThreshold { get; set; } = 0.8m;

    /// <summary>Months between a stewardship agreement's payments to the land holder, the first due when they begin (12: yearly).</summary>
    public int StewardshipPaymentIntervalMonths { get; set; } = 12;

    /// <summary>The local time (Asia/Shanghai) at which the registry makes every stewardship payment due that day.</summary>
    public TimeSpan StewardshipPaymentsRunAt { get; set; } = new(0, 10, 0);

    /// <summary>
    /// Ecosystem credits from a site within this many km of the development site match (BC Regulation 2017 cl 6.3:
    /// 100 km).
    /// </summary>
    public decimal MaxDistanceKm { get; set; } = 100m;

    /// <summary>
    /// IBRA subregions and the subregions they adjoin, e.g. <c>"Cumberland": ["Sydney Cataract", "Yengo", ...]</c>.
    /// Adjoining is symmetric: a pair counts when either side lists the other.
    /// </summary>
    public Dictionary<string, string[]> AdjoiningSubregions { get; set; } = [];

    /// <summary>Plant community types (PCT number as text) and their vegetation formation, for the variation rules.</summary>
    public Dictionary<string, string> VegetationFormations { get; set; } = [];

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> are the same IBRA subregion or adjoin.</summary>
    public bool SameOrAdjoining(string a, string b) =>
        string.Equals(a, b, StringComparison.OrdinalIgnoreCase) || Lists(a, b) || Lists(b, a);

    private bool Lists(string subregion, string other) =>
        AdjoiningSubregions.FirstOrDefault(p => string.Equals(p.Key, subregion, StringComparison.OrdinalIgnoreCase)).Value is { } neighbours
        && neighbours.Contains(other, StringComparer.OrdinalIgnoreCase);
}
