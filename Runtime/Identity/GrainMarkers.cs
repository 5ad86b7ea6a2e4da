namespace ControlPlane.Runtime;

/// <summary>Anything that has a grain identity: grain references and grain instances.</summary>
public interface IAddressable
{
}

/// <summary>Base marker of every grain interface; the source generator emits a proxy for each one.</summary>
public interface IGrain : IAddressable
{
}

/// <summary>A grain interface whose key is a <see cref="Guid"/>.</summary>
public interface IGrainWithGuidKey : IGrain
{
}

/// <summary>A grain interface whose key is a 64-bit integer.</summary>
public interface IGrainWithIntegerKey : IGrain
{
}

/// <summary>A grain interface whose key is a string.</summary>
public interface IGrainWithStringKey : IGrain
{
}

/// <summary>A grain interface whose key is a <see cref="Guid"/> plus a string extension.</summary>
public interface IGrainWithGuidCompoundKey : IGrain
{
}

/// <summary>A grain interface whose key is a 64-bit integer plus a string extension.</summary>
public interface IGrainWithIntegerCompoundKey : IGrain
{
}
