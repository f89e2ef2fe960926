using AnnuaireFiliere.Core.Search;

namespace AnnuaireFiliere.Core.Tests.Search;

/// <summary>"Did you mean", the part both engines share: which candidate of the vocabulary to propose.</summary>
public sealed class SuggestionMixTests
{
    [Fact]
    public void The_closest_candidate_has_the_fewest_edits()
    {
        // Levenshtein: "fibres" 2 edits, "fibre" 3, "filtres" 3 (with more documents).
        Assert.Equal("fibres", SuggestionMix.Closest("fbires", [("fibre", 3), ("filtres", 9), ("fibres", 1)]));
    }

    [Fact]
    public void Between_candidates_as_close_the_one_in_more_documents_wins()
    {
        // "reseau" and "resa" are one edit from "resau"; "reseaux" two.
        Assert.Equal("resa", SuggestionMix.Closest("resau", [("reseau", 1), ("reseaux", 12), ("resa", 7)]));
    }

    [Fact]
    public void No_candidate_no_correction() => Assert.Null(SuggestionMix.Closest("fbires", []));

    [Theory]
    [InlineData("fibre", "fibre", 0)]
    [InlineData("fbires", "fibre", 2)]          // a swap and a letter too many
    [InlineData("cybersecruite", "cybersecurite", 1)]
    [InlineData("informat", "format", 2)]
    public void The_distance_counts_a_swap_of_neighbours_as_one_edit(string a, string b, int edits) =>
        Assert.Equal(edits, SuggestionMix.Distance(a, b));
}
