package io.cassguard.service.audit.read;

import io.quarkus.qute.TemplateData;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The geometry of the report's chart: refusals per rule over time as stacked bars, one bar per time bucket, one
 * colour per rule. Computed here so that the page is plain SVG: no script, nothing fetched from the network.
 */
@TemplateData
public final class RefusalChart {

    public static final int WIDTH = 960;
    public static final int HEIGHT = 260;
    private static final int LEFT = 44;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 28;
    private static final int MAX_BUCKETS = 48;
    private static final int MAX_BAR_WIDTH = 40;
    private static final List<Duration> BUCKET_SIZES = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12),
            Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30));
    /** Distinguishable colours, also for colour-blind readers (Okabe-Ito, then Tableau). */
    private static final List<String> PALETTE = List.of("#d55e00", "#0072b2", "#e69f00", "#009e73", "#cc79a7",
            "#56b4e9", "#8c564b", "#7f7f7f", "#bcbd22", "#17becf");

    public record Bar(int x, int y, int width, int height, String colour, String title) {
    }

    /** @param labelPosition where the label's baseline sits across the axis */
    public record Tick(int position, int labelPosition, String label) {
    }

    public record LegendEntry(String rule, String colour, long count) {
    }

    private final List<Bar> bars = new ArrayList<>();
    private final List<Tick> yTicks = new ArrayList<>();
    private final List<Tick> xTicks = new ArrayList<>();
    private final List<LegendEntry> legend = new ArrayList<>();
    private final String bucketLabel;

    /**
     * @param refusals the time and rules of each refusal
     * @param from     start of the period shown
     * @param to       end of the period shown
     */
    RefusalChart(List<Refusal> refusals, Instant from, Instant to) {
        Duration bucket = bucketSize(from, to);
        this.bucketLabel = describe(bucket);
        long start = from.getEpochSecond() / bucket.getSeconds() * bucket.getSeconds();
        int buckets = (int) Math.max(1, (to.getEpochSecond() - start) / bucket.getSeconds() + 1);

        Map<String, Long> totals = new LinkedHashMap<>();
        List<Map<String, Long>> counts = new ArrayList<>();
        for (int i = 0; i < buckets; i++) {
            counts.add(new TreeMap<>());
        }
        for (Refusal refusal : refusals) {
            int index = (int) ((refusal.time().getEpochSecond() - start) / bucket.getSeconds());
            if (index < 0 || index >= buckets) {
                continue;
            }
            for (String rule : refusal.rules()) {
                counts.get(index).merge(rule, 1L, Long::sum);
                totals.merge(rule, 1L, Long::sum);
            }
        }
        totals.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> legend.add(new LegendEntry(e.getKey(), PALETTE.get(legend.size() % PALETTE.size()), e.getValue())));
        long highest = counts.stream().mapToLong(c -> c.values().stream().mapToLong(Long::longValue).sum()).max().orElse(0);
        long step = niceStep(highest);
        long top = Math.max(step, (highest + step - 1) / step * step);
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        for (long value = 0; value <= top; value += step) {
            int y = (int) Math.round(TOP + plotHeight - value * plotHeight / top);
            yTicks.add(new Tick(y, y + 4, Long.toString(value)));
        }
        double slot = plotWidth / buckets;
        int labelEvery = (int) Math.ceil(buckets / 8.0);
        DateTimeFormatter format = DateTimeFormatter.ofPattern(bucket.compareTo(Duration.ofDays(1)) < 0 ? "MM-dd HH:mm" : "yyyy-MM-dd")
                .withZone(ZoneOffset.UTC);
        for (int i = 0; i < buckets; i++) {
            Instant bucketStart = Instant.ofEpochSecond(start + i * bucket.getSeconds());
            int width = (int) Math.max(1, Math.min(MAX_BAR_WIDTH, Math.round(slot * 0.7)));
            int x = (int) Math.round(LEFT + i * slot + (slot - width) / 2);
            if (i % labelEvery == 0) {
                xTicks.add(new Tick(x + width / 2, HEIGHT - BOTTOM + 17, format.format(bucketStart)));
            }
            double base = TOP + plotHeight;
            for (LegendEntry entry : legend) {
                long count = counts.get(i).getOrDefault(entry.rule(), 0L);
                if (count == 0) {
                    continue;
                }
                double height = count * plotHeight / top;
                bars.add(new Bar(x, (int) Math.round(base - height), width, Math.max(1, (int) Math.round(height)),
                        entry.colour(), entry.rule() + ": " + count + " from " + format.format(bucketStart) + " UTC"));
                base -= height;
            }
        }
    }

    /** What the chart counts: one refusal, naming its rules. */
    record Refusal(Instant time, List<String> rules) {
    }

    public List<Bar> bars() {
        return bars;
    }

    public List<Tick> yTicks() {
        return yTicks;
    }

    public List<Tick> xTicks() {
        return xTicks;
    }

    public List<LegendEntry> legend() {
        return legend;
    }

    public String bucketLabel() {
        return bucketLabel;
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public int left() {
        return LEFT;
    }

    public int right() {
        return WIDTH - RIGHT;
    }

    public int baseline() {
        return HEIGHT - BOTTOM;
    }

    public int yLabelX() {
        return LEFT - 6;
    }

    public int centerX() {
        return WIDTH / 2;
    }

    public int centerY() {
        return HEIGHT / 2;
    }

    public boolean empty() {
        return bars.isEmpty();
    }

    private static Duration bucketSize(Instant from, Instant to) {
        Duration span = Duration.between(from, to);
        return BUCKET_SIZES.stream().filter(size -> span.dividedBy(size) < MAX_BUCKETS).findFirst()
                .orElse(BUCKET_SIZES.get(BUCKET_SIZES.size() - 1));
    }

    private static String describe(Duration bucket) {
        if (bucket.toDays() > 0) {
            return bucket.toDays() == 1 ? "day" : bucket.toDays() + " days";
        }
        return bucket.toHours() > 0 ? (bucket.toHours() == 1 ? "hour" : bucket.toHours() + " hours")
                : (bucket.toMinutes() == 1 ? "minute" : bucket.toMinutes() + " minutes");
    }

    /** 1, 2, 5, 10, 20, 50, ... so that the axis has at most five steps. */
    private static long niceStep(long highest) {
        for (long magnitude = 1; ; magnitude *= 10) {
            for (long factor : new long[] {1, 2, 5}) {
                if (highest <= factor * magnitude * 5) {
                    return factor * magnitude;
                }
            }
        }
    }
}
