extension AuditEntry {
    /// The entry as it can be stored and hashed: free-text fields that came from a request (a
    /// user name typed at login, a user agent, an id from a path) have control characters escaped,
    /// so no content, however hostile, can make the audit append itself fail and lose the record.
    /// `before`/`after` are canonical JSON, which escapes them already.
    public var storable: AuditEntry {
        var entry = self
        func clean(_ value: String?) -> String? { value.map(ControlCharacters.escaped) }
        entry.actorKind = clean(actorKind)
        entry.actorName = clean(actorName)
        entry.roles = roles.map(ControlCharacters.escaped)
        entry.sourceIP = clean(sourceIP)
        entry.userAgent = clean(userAgent)
        entry.requestID = clean(requestID)
        entry.clientRequestID = clean(clientRequestID)
        entry.action = ControlCharacters.escaped(action)
        entry.objectKind = clean(objectKind)
        entry.objectID = clean(objectID)
        entry.reason = clean(reason)
        return entry
    }
}
