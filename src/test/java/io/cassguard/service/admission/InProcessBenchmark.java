package io.cassguard.service.admission;

import io.cassguard.model.AdmissionRequest;
import io.cassguard.model.AdmissionReviewReader;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cassguard.engine.decision.MutationEngine;
import io.cassguard.engine.decision.Decision;
import io.cassguard.engine.decision.ValidationEngine;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The in-process floor of an admission answer (issue 8): parse the review, decide, and serialise the answer,
 * with the real beans of a running service but no HTTP. Compared with bench/run.sh in bench/RESULTS.md.
 * The {@code ...Audited} variants answer through the endpoint bean, as HTTP requests do: with metrics and the audit
 * record, which a denial forces to disk before it is answered (one thread here, so no force is shared).
 * Runs only on request: {@code ./mvnw test -Dtest=InProcessBenchmark -Dbench=true}; {@code -Dbench.include=mutate}
 * runs the benchmarks whose name matches, {@code -Dbench.profiler=gc} adds JMH's allocation profile.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
public class InProcessBenchmark {

    @Test
    public void run() throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(InProcessBenchmark.class.getName() + "." + System.getProperty("bench.include", ".*"))
                .forks(0) // in this JVM, where the Quarkus application under test runs
                .warmupIterations(3).warmupTime(TimeValue.seconds(3))
                .measurementIterations(5).measurementTime(TimeValue.seconds(3))
                .threads(1);
        String profiler = System.getProperty("bench.profiler", "");
        if (!profiler.isEmpty()) {
            options.addProfiler(profiler);
        }
        new Runner(options.build()).run();
    }

    @State(Scope.Benchmark)
    public static class Service {
        AdmissionEndpoint endpoint;
        AdmissionReviewReader parser;
        ValidationEngine validation;
        MutationEngine mutation;
        ObjectMapper mapper;
        byte[] validateAllow;
        byte[] validateDeny;
        byte[] validateStatefulSet;
        byte[] mutate;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            endpoint = Arc.container().instance(AdmissionEndpoint.class).get();
            parser = Arc.container().instance(AdmissionReviewReader.class).get();
            validation = Arc.container().instance(ValidationEngine.class).get();
            mutation = Arc.container().instance(MutationEngine.class).get();
            mapper = Arc.container().instance(ObjectMapper.class).get();
            validateAllow = Files.readAllBytes(Path.of("bench/fixtures/validate-allow.json"));
            validateDeny = Files.readAllBytes(Path.of("bench/fixtures/validate-deny.json"));
            validateStatefulSet = Files.readAllBytes(Path.of("bench/fixtures/validate-statefulset.json"));
            mutate = Files.readAllBytes(Path.of("bench/fixtures/mutate.json"));
        }

        byte[] validate(byte[] body) throws Exception {
            AdmissionRequest request = parser.parse(body);
            Decision decision = validation.validate(request);
            return mapper.writeValueAsBytes(ReviewResponses.validation(request.uid(), decision));
        }

        byte[] mutate(byte[] body) throws Exception {
            AdmissionRequest request = parser.parse(body);
            return mapper.writeValueAsBytes(ReviewResponses.mutation(request.uid(), mutation.mutate(request)));
        }

        byte[] serialised(Uni<AdmissionEndpoint.Reply> answer) throws Exception {
            return mapper.writeValueAsBytes(answer.await().indefinitely().body());
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] validateAllow(Service service) throws Exception {
        return service.validate(service.validateAllow);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] validateDeny(Service service) throws Exception {
        return service.validate(service.validateDeny);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] validateStatefulSet(Service service) throws Exception {
        return service.validate(service.validateStatefulSet);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] mutate(Service service) throws Exception {
        return service.mutate(service.mutate);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] validateDenyAudited(Service service) throws Exception {
        return service.serialised(service.endpoint.validate(service.validateDeny));
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] mutateAudited(Service service) throws Exception {
        return service.serialised(service.endpoint.mutate(service.mutate));
    }
}
