package br.com.kycert.support;

/**
 * Two servers on one throwaway database, as two nodes of one deployment; {@code fx} makes its fixtures through
 * node {@code a}. Closing stops both nodes, then drops the database.
 */
public record TwoNodes(TestDatabase db, TestServer a, TestServer b, Fixtures fx) implements AutoCloseable {

    public static TwoNodes start() {
        TestDatabase db = TestDatabase.create();
        TestServer a = TestServer.start(db);
        TestServer b = TestServer.start(db);
        return new TwoNodes(db, a, b, new Fixtures(a, db));
    }

    @Override
    public void close() {
        try (db;
                b;
                a) {
            // closed in reverse order: a, b, then the database
        }
    }
}
