namespace ControlPlane.Grains.Instances.Sagas;

/// <summary>A step of a saga's definition and whether it has an undo.</summary>
public sealed record SagaStepDefinition(SagaStep Step, bool HasUndo);
