/// Which modelled value a point reports. Worked out once from the point's asset kind, quantity
/// and key suffix; points the model has no physics for report nothing (`nil` role).
public enum PointRole: Sendable, Hashable {
    case rackPower, rackEnergy, rackInlet
    case pduPower, pduCurrent, pduVoltage, pduEnergy
    case cracSupply, cracReturn, cracFan, cracPower, cracStatus, cracSetpoint, cracCompressor, cracLeak
    case upsCharge, upsRuntime, upsLoad, upsPower, upsStatus, upsOnBattery, upsInputVoltage, upsOutputVoltage, upsHealth
    case cellVoltage(Int), cellResistance(Int)
    case humidity
    case leak
}
