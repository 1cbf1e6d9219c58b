import CMongoc
import Testing
@testable import BIMDocuments

@Suite("libmongoc error translation")
struct ErrorTranslationTests {
    @Test("duplicate key errors name the index and nothing else")
    func duplicateKey() {
        let message = "E11000 duplicate key error collection: t.entities index: globalId_version dup key: { globalId: \"x\" }"
        let error = MongoErrorTranslator.classify(domain: 17, code: 11000, message: message, reply: nil)
        #expect(error == .duplicateKey(index: "globalId_version"))
        #expect(!"\(error)".contains("dup key"))
    }

    @Test("duplicate keys are also found in a bulk reply's writeErrors")
    func duplicateKeyInWriteErrors() {
        let reply: BSONDocument = ["writeErrors": [["index": 0, "code": .int32(11000), "errmsg": "E11000 index: uniq_1 dup key"]]]
        #expect(MongoErrorTranslator.classify(domain: 12, code: 1, message: "bulk failed", reply: reply) == .duplicateKey(index: "uniq_1"))
    }

    @Test("driver domains map to connection, selection and timeout")
    func domains() {
        #expect(MongoErrorTranslator.classify(domain: 15, code: 13053, message: "No suitable servers", reply: nil) == .serverSelection)
        #expect(MongoErrorTranslator.classify(domain: 2, code: 5, message: "Failed to connect", reply: nil) == .connection)
        #expect(MongoErrorTranslator.classify(domain: 2, code: 4, message: "socket timed out", reply: nil) == .timeout)
        #expect(MongoErrorTranslator.classify(domain: 17, code: 50, message: "operation exceeded time limit", reply: nil) == .timeout)
        let gridFS = Int(MONGOC_ERROR_GRIDFS.rawValue)
        let fileNotFound = Int(MONGOC_ERROR_GRIDFS_BUCKET_FILE_NOT_FOUND.rawValue)
        #expect(MongoErrorTranslator.classify(domain: gridFS, code: fileNotFound, message: "file not found", reply: nil) == .notFound)
    }

    @Test("anything else keeps codes but not the server's text")
    func other() {
        let error = MongoErrorTranslator.classify(domain: 17, code: 2, message: "secret internal detail", reply: nil)
        #expect(error == .other(code: 2, domain: 17, message: "document store operation failed"))
        #expect(!"\(error)".contains("secret"))
    }
}
