package br.com.kycert.shared.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import br.com.kycert.support.LogCapture;
import br.com.kycert.support.TestDatabase;
import br.com.kycert.support.TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A server started on a PostgreSQL with autovacuum off says so once, as a warning that names the remedy; on one with
 * it on (PostgreSQL's default) it says nothing. Which of the two this machine's PostgreSQL is, the test reads itself.
 */
class AutovacuumCheckIT {

    @Test
    void warnsExactlyWhenAutovacuumIsOff() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            String setting;
            try (Connection c = db.connect();
                    Statement s = c.createStatement();
                    ResultSet row = s.executeQuery("show autovacuum")) {
                row.next();
                setting = row.getString(1);
            }
            assertThat(setting).isIn("on", "off");
            try (LogCapture capture = LogCapture.begin();
                    TestServer server = TestServer.start(db)) {
                assertThat(server.bean(AutovacuumCheck.class).setting()).contains(setting);
                long warnings = capture.lines().stream()
                        .filter(line -> line.startsWith(AutovacuumCheck.class.getName()))
                        .filter(line -> line.contains("autovacuum = off") && line.contains("VACUUM (ANALYZE)"))
                        .count();
                assertThat(warnings).isEqualTo(setting.equals("off") ? 1 : 0);
            }
        }
    }
}
