import Foundation

// Thin wrappers so that files which only need sin/cos do not each import Foundation.
@inlinable func _sin(_ x: Double) -> Double { Foundation.sin(x) }
@inlinable func _cos(_ x: Double) -> Double { Foundation.cos(x) }
@inlinable func _atan2(_ y: Double, _ x: Double) -> Double { Foundation.atan2(y, x) }
@inlinable func _acos(_ x: Double) -> Double { Foundation.acos(Swift.max(-1, Swift.min(1, x))) }
@inlinable func _tan(_ x: Double) -> Double { Foundation.tan(x) }
