using RightsExchange.Contracts.Biodiversity.V1;

namespace RightsExchange.Accounts.Biodiversity;

/// <summary>
/// Which credits may be retired against a line of a credit obligation (NSW Biodiversity Conservation Regulation 2017,
/// cl 6.3 like-for-like and cl 6.4 variation rules): species credits of the same species, from anywhere in the scheme;
/// ecosystem credits of the same plant community type (or, where the consent allows the variation rules, of the same
/// vegetation formation) whose site lies in the same or an adjoining IBRA subregion, or within
/// <see cref="BiodiversitySettings.MaxDistanceKm"/> of the development site.
/// </summary>
public static class LikeForLike
{
    private const double EarthRadiusKm = 6371.0088;

    /// <summary>
    /// Null when <paramref name="credit"/> matches <paramref name="line"/> of <paramref name="consent"/>; else the rule
    /// it breaks, as a sentence.
    /// </summary>
    public static string? Breach(
        CreditRequirement line,
        DevelopmentConsentRecorded consent,
        BiodiversityCreditType credit,
        BiodiversitySettings rules
    )
    {
        if (credit.Kind != line.Kind)
            return $"The line asks for {line.Kind} credits; these are {credit.Kind} credits.";
        if (line.Kind == BiodiversityCreditKind.Species)
            return string.Equals(credit.Species, line.Species, StringComparison.OrdinalIgnoreCase)
                ? null
                : $"Species credits match only the same species: the line asks for {line.Species}; these are of {credit.Species}.";
        if (credit.PlantCommunityType != line.PlantCommunityType && !SameFormation(line, credit, rules))
            return "Ecosystem credits match only the same plant community type: "
                + $"the line asks for PCT {line.PlantCommunityType}; these are of PCT {credit.PlantCommunityType}"
                + (line.VariationAllowed ? ", of another vegetation formation." : " (the consent allows no variation).");
        if (rules.SameOrAdjoining(consent.Subregion, credit.Subregion))
            return null;
        var km = DistanceKm(consent.Site, credit.Site);
        return km <= (double)rules.MaxDistanceKm
            ? null
            : $"The credits' site lies in {credit.Subregion}, which neither is nor adjoins {consent.Subregion}, "
                + $"and {km:0.0} km from the development site (more than {rules.MaxDistanceKm} km).";
    }

    /// <summary>Great-circle distance in km between two points (haversine, mean Earth radius).</summary>
    public static double DistanceKm(GeoPoint a, GeoPoint b)
    {
        static double Radians(decimal degrees) => (double)degrees * Math.PI / 180;
        var dLat = Radians(b.Latitude - a.Latitude);
        var dLon = Radians(b.Longitude - a.Longitude);
        var h =
            Math.Pow(Math.Sin(dLat / 2), 2)
            + Math.Cos(Radians(a.Latitude)) * Math.Cos(Radians(b.Latitude)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    private static bool SameFormation(CreditRequirement line, BiodiversityCreditType credit, BiodiversitySettings rules) =>
        line.VariationAllowed
        && rules.VegetationFormations.TryGetValue($"{line.PlantCommunityType}", out var asked)
        && rules.VegetationFormations.TryGetValue($"{credit.PlantCommunityType}", out var offered)
        && string.Equals(asked, offered, StringComparison.OrdinalIgnoreCase);
}
