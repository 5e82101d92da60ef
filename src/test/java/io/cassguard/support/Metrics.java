package io.cassguard.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.cassguard.support.Admission.management;

/** Reads counters from {@code /q/metrics} on the management interface, as Prometheus would. */
public final class Metrics {

    private Metrics() {
    }

    /** {@code cassguard_audit_records_total{sink,outcome}}, 0 when not counted yet. */
    public static double auditRecords(String sink, String outcome) {
        return value("cassguard_audit_records_total{outcome=\"" + outcome + "\",sink=\"" + sink + "\"}");
    }

    /** The value of one series, written as Prometheus writes it ({@code name{label="value",...}}); 0 when absent. */
    public static double value(String series) {
        String metrics = management().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher value = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }
}
