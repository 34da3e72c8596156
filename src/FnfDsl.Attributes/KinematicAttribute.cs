using System;

namespace FnfDsl
{
    /// <summary>
    /// Declares a field of the analysis' <c>Event</c> struct as a kinematic (conditioning) variable x.
    /// The field's type, <c>float</c> or <c>double</c>, is the variable's storage type: the precision its values reach the runtime in.
    /// </summary>
    [AttributeUsage(AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
    public sealed class KinematicAttribute : Attribute
    {
        /// <summary>The column holding this variable in input files; the field's name by default.</summary>
        public string? Column { get; set; }

        /// <summary>The lower end of the variable's range (values must lie above it; the flows see the variable through a bounded map); unbounded when not set.</summary>
        public double Min { get; set; } = double.NegativeInfinity;

        /// <summary>The upper end of the variable's range (values must lie below it; the flows see the variable through a bounded map); unbounded when not set.</summary>
        public double Max { get; set; } = double.PositiveInfinity;
    }
}
