using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Ferrule.Serialization;

/// <summary>Registers a derived type and its discriminator on a base type.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Interface, AllowMultiple = true, Inherited = false)]
public sealed class FerruleDerivedTypeAttribute : Attribute
{
    public FerruleDerivedTypeAttribute(Type derivedType, string discriminator)
    {
        DerivedType = derivedType;
        Discriminator = discriminator;
    }

    public Type DerivedType { get; }

    public string Discriminator { get; }
}

/// <summary>Thrown for serialization problems specific to Ferrule.</summary>
public sealed class FerruleSerializationException : Exception
{
    public FerruleSerializationException(string message)
        : base(message)
    {
    }
}

/// <summary>Discriminator maps built from <see cref="FerruleDerivedTypeAttribute"/>.</summary>
public sealed class PolymorphicTypeResolver
{
    public const string DiscriminatorPropertyName = "$type";

    private readonly Dictionary<Type, Dictionary<string, Type>> _byDiscriminator = new();
    private readonly Dictionary<Type, string> _byType = new();

    /// <summary>Builds the map for <paramref name="baseType"/>; called once per base type.</summary>
    public void Build([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] Type baseType)
    {
        if (_byDiscriminator.ContainsKey(baseType))
        {
            return;
        }

        var map = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var attribute in baseType.GetCustomAttributes<FerruleDerivedTypeAttribute>(inherit: false))
        {
            // only direct subclasses (and interface implementations) of the base are accepted
            if (attribute.DerivedType.BaseType != baseType && !(baseType.IsInterface && baseType.IsAssignableFrom(attribute.DerivedType)))
            {
                continue;
            }

            map[attribute.Discriminator] = attribute.DerivedType;
            _byType[attribute.DerivedType] = attribute.Discriminator;
        }

        _byDiscriminator[baseType] = map;
    }

    /// <summary>Discriminator for a runtime type, or null when the type isn't registered.</summary>
    public string? GetDiscriminator(Type runtimeType)
        => _byType.TryGetValue(runtimeType, out var discriminator) ? discriminator : null;

    /// <summary>Resolves the concrete type for <paramref name="discriminator"/>.</summary>
    public Type Resolve(Type baseType, string? discriminator)
    {
        if (_byDiscriminator.TryGetValue(baseType, out var map)
            && discriminator is not null
            && map.TryGetValue(discriminator, out var type))
        {
            return type;
        }

        throw new FerruleSerializationException(
            $"Unknown type discriminator '{discriminator ?? string.Empty}' for base type '{baseType.Name}'");
    }
}
