using CsCheck;
using NodaTime;
using RightsExchange.Accounts.Biodiversity;
using RightsExchange.Contracts.Biodiversity.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.UnitTests.Accounts;

/// <summary>Like-for-like matching of biodiversity credits against an obligation's line (NSW BC Regulation 2017 cl 6.3, 6.4).</summary>
public sealed class LikeForLikeTests
{
    private static Gen<T> Of<T>(params T[] values) => Gen.Int[0, values.Length - 1].Select(i => values[i]);

    private static readonly string[] Subregions = ["Cumberland", "Sydney Cataract", "Burragorang", "Hunter", "Kerrabee", "Moss Vale"];
    private static readonly string[] SpeciesNames = ["Pteropus poliocephalus", "Petaurus norfolcensis", "Cercartetus nanus"];

    private static readonly BiodiversitySettings Rules = new()
    {
        AdjoiningSubregions = new() { ["Cumberland"] = ["Sydney Cataract", "Burragorang"], ["Hunter"] = ["Kerrabee"] },
        VegetationFormations = new()
        {
            ["849"] = "Grassy Woodlands",
            ["850"] = "Grassy Woodlands",
            ["1800"] = "Forested Wetlands",
        },
    };

    private static readonly Gen<GeoPoint> Point = Gen.Select(Gen.Int[-3_700, -2_900], Gen.Int[14_500, 15_300])
        .Select((lat, lon) => new GeoPoint(lat / 100m, lon / 100m));

    private static readonly Gen<string> Subregion = Of(Subregions);
    private static readonly Gen<int> Pct = Of(849, 850, 1395, 1800);

    private static DevelopmentConsentRecorded Consent(string subregion, GeoPoint site, CreditRequirement line) =>
        new(Guid.Empty, "developer", "SSD-1", subregion, site, [line], "regulator", Instant.FromUtc(2026, 1, 1, 0, 0));

    private static CreditRequirement Ecosystem(int pct, bool variation = false) =>
        new(BiodiversityCreditKind.Ecosystem, pct, null, 10m, Money.InCny(100m), variation);

    [Fact]
    public void Species_credits_match_the_same_species_from_anywhere_and_no_other()
    {
        Gen.Select(Of(SpeciesNames), Of(SpeciesNames), Gen.Select(Subregion, Point), Gen.Select(Subregion, Point))
            .Sample(
                (asked, offered, development, site) =>
                {
                    var line = new CreditRequirement(BiodiversityCreditKind.Species, null, asked, 5m, Money.InCny(10m));
                    var (subregion, point) = site;
                    var credit = new BiodiversityCreditType(
                        BiodiversityCreditKind.Species,
                        null,
                        offered.ToUpperInvariant(),
                        subregion,
                        point
                    );
                    var breach = LikeForLike.Breach(line, Consent(development.Item1, development.Item2, line), credit, Rules);
                    return (breach is null) == (asked == offered);
                }
            );
    }

    [Fact]
    public void Ecosystem_credits_of_the_same_type_from_the_same_or_an_adjoining_subregion_match_at_any_distance()
    {
        var pairs = Of(
            ("Cumberland", "Cumberland"),
            ("Cumberland", "Burragorang"),
            ("Sydney Cataract", "Cumberland"),
            ("Kerrabee", "Hunter")
        );
        Gen.Select(Pct, pairs, Point, Point)
            .Sample(
                (pct, pair, development, site) =>
                {
                    var line = Ecosystem(pct);
                    var credit = new BiodiversityCreditType(BiodiversityCreditKind.Ecosystem, pct, null, pair.Item2, site);
                    return LikeForLike.Breach(line, Consent(pair.Item1, development, line), credit, Rules) is null;
                }
            );
    }

    [Fact]
    public void Ecosystem_credits_of_the_same_type_match_within_the_distance_and_not_beyond_it_outside_adjoining_subregions()
    {
        Gen.Select(Pct, Point, Gen.Int[-89, 89], Gen.Int[100, 300])
            .Sample(
                (pct, development, near, far) =>
                {
                    var line = Ecosystem(pct);
                    var consent = Consent("Hunter", development, line);
                    // 0.89 degrees of latitude is about 99 km; 1.00 degree about 111 km.
                    var close = new BiodiversityCreditType(
                        BiodiversityCreditKind.Ecosystem,
                        pct,
                        null,
                        "Moss Vale",
                        development with
                        {
                            Latitude = development.Latitude + near / 100m,
                        }
                    );
                    var distant = new BiodiversityCreditType(
                        BiodiversityCreditKind.Ecosystem,
                        pct,
                        null,
                        "Moss Vale",
                        development with
                        {
                            Latitude = development.Latitude - far / 100m,
                        }
                    );
                    return LikeForLike.Breach(line, consent, close, Rules) is null
                        && LikeForLike.Breach(line, consent, distant, Rules) is not null;
                }
            );
    }

    [Fact]
    public void Another_plant_community_type_matches_only_under_the_variation_rules_and_within_the_same_formation()
    {
        Gen.Select(Pct, Pct, Gen.Bool, Point)
            .Sample(
                (asked, offered, variation, site) =>
                {
                    var line = Ecosystem(asked, variation);
                    var credit = new BiodiversityCreditType(BiodiversityCreditKind.Ecosystem, offered, null, "Cumberland", site);
                    var formations = Rules.VegetationFormations;
                    var sameFormation =
                        formations.TryGetValue($"{asked}", out var a) && formations.TryGetValue($"{offered}", out var o) && a == o;
                    var matches = LikeForLike.Breach(line, Consent("Cumberland", site, line), credit, Rules) is null;
                    return matches == (asked == offered || (variation && sameFormation));
                }
            );
    }

    [Fact]
    public void Credits_of_the_other_kind_never_match()
    {
        Gen.Select(Pct, Of(SpeciesNames), Point)
            .Sample(
                (pct, species, site) =>
                {
                    var ecosystemLine = Ecosystem(pct);
                    var speciesLine = new CreditRequirement(BiodiversityCreditKind.Species, null, species, 1m, Money.InCny(1m));
                    var speciesCredit = new BiodiversityCreditType(BiodiversityCreditKind.Species, null, species, "Cumberland", site);
                    var ecosystemCredit = new BiodiversityCreditType(BiodiversityCreditKind.Ecosystem, pct, null, "Cumberland", site);
                    return LikeForLike.Breach(ecosystemLine, Consent("Cumberland", site, ecosystemLine), speciesCredit, Rules) is not null
                        && LikeForLike.Breach(speciesLine, Consent("Cumberland", site, speciesLine), ecosystemCredit, Rules) is not null;
                }
            );
    }

    [Fact]
    public void Distance_is_symmetric_and_adjoining_goes_both_ways()
    {
        Gen.Select(Point, Point, Subregion, Subregion)
            .Sample(
                (a, b, x, y) =>
                    Math.Abs(LikeForLike.DistanceKm(a, b) - LikeForLike.DistanceKm(b, a)) < 1e-9
                    && LikeForLike.DistanceKm(a, a) == 0
                    && Rules.SameOrAdjoining(x, y) == Rules.SameOrAdjoining(y, x)
            );
    }

    [Fact]
    public void Sydney_to_Wollongong_is_about_68_km()
    {
        var km = LikeForLike.DistanceKm(new GeoPoint(-33.8688m, 151.2093m), new GeoPoint(-34.4278m, 150.8931m));
        Assert.InRange(km, 67, 69);
    }
}
