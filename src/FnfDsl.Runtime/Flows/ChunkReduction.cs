namespace FnfDsl.Flows;

/// <summary>How per-chunk losses combine into the full-batch loss.</summary>
public enum ChunkReduction
{
    /// <summary>The loss is a sum over events (e.g. an NLL): chunk losses add up.</summary>
    Sum,

    /// <summary>The loss is a mean over events: chunk losses are weighted by their share of the events.</summary>
    Mean,
}
