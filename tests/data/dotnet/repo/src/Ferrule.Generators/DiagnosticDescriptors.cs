using Microsoft.CodeAnalysis;

namespace Ferrule.Generators;

internal static class DiagnosticDescriptors
{
    private const string Category = "Ferrule.Generators";

    public static readonly DiagnosticDescriptor InterfaceMustBePublicOrInternal = new(
        "FER0001", "Interface must be public or internal", "Interface '{0}' must be public or internal to generate a client", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor MissingHttpMethodAttribute = new(
        "FER0003", "Missing HTTP method attribute", "Method '{0}' has no [Get], [Post], [Put], [Patch] or [Delete] attribute", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedBodyType = new(
        "FER0007", "Unsupported body type", "Parameter '{0}' of type '{1}' cannot be used as [Body]: value types are not supported", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor GenericInterface = new(
        "FER0010", "Generic interfaces are not supported", "Interface '{0}' is generic; typed clients must be non-generic", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedReturnType = new(
        "FER0012", "Unsupported return type", "Method '{0}' has unsupported return type '{1}'", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
