namespace FnfDsl.Tables;

/// <summary>The storage type of a table column.</summary>
public enum ColumnKind
{
    /// <summary>64-bit floating point (event variables, truth values).</summary>
    Double,

    /// <summary>32-bit integer (labels such as the flavour).</summary>
    Int,
}
