/// Why a cursor file was unusable.
struct CursorProblem: Error, Sendable {
    var message: String
}
