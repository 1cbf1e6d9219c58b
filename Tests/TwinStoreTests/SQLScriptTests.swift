import Testing
@testable import TwinStore

@Suite("SQL script splitting")
struct SQLScriptTests {
    @Test func splitsPlainStatements() {
        let script = SQLScript("CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);  \n\n")
        #expect(script.statements == ["CREATE TABLE a (id int)", "INSERT INTO a VALUES (1)"])
    }

    @Test func keepsSemicolonsInsideStringsIdentifiersAndComments() {
        let script = SQLScript(
            """
            -- a comment; with a semicolon
            INSERT INTO "we;ird" VALUES ('a;b', 'it''s;', E'x\\';y');
            /* block; /* nested; */ still comment; */ SELECT 1;
            """
        )
        #expect(script.statements.count == 2)
        #expect(script.statements[0].hasSuffix(#"INSERT INTO "we;ird" VALUES ('a;b', 'it''s;', E'x\';y')"#))
        #expect(script.statements[1].hasSuffix("SELECT 1"))
    }

    @Test func keepsDollarQuotedBodiesWhole() {
        let body = """
            CREATE FUNCTION f() RETURNS trigger AS $fn$
            BEGIN
              RAISE EXCEPTION 'no; way';
              RETURN NULL;
            END;
            $fn$ LANGUAGE plpgsql
            """
        let script = SQLScript(body + ";\nSELECT $$a;b$$;\nSELECT $1;")
        #expect(script.statements == [body, "SELECT $$a;b$$", "SELECT $1"])
    }

    @Test func ignoresCommentOnlyTail() {
        #expect(SQLScript("SELECT 1; -- trailing\n/* done */").statements == ["SELECT 1"])
        #expect(SQLScript("").statements.isEmpty)
    }

    @Test func unterminatedQuotesDoNotHang() {
        #expect(SQLScript("SELECT 'open;").statements.count == 1)
        #expect(SQLScript("SELECT $tag$ never closed;").statements.count == 1)
        #expect(SQLScript("/* never closed; ").statements.isEmpty)
    }
}
