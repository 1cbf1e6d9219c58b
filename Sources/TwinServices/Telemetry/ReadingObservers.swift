import TwinDomain

/// Several observers of committed readings, told in order (the alarm engine, then live clients).
public struct ReadingObservers: ReadingObserver {
    let observers: [any ReadingObserver]

    public init(_ observers: [any ReadingObserver]) {
        self.observers = observers
    }

    public func readingsCommitted(_ readings: [Reading]) async {
        for observer in observers { await observer.readingsCommitted(readings) }
    }
}
