package io.cassguard.support;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, installed by {@code bin/test}),
 * driven by Selenium through the system chromedriver: nothing is downloaded. It trusts exactly the test's serving
 * certificate (by its public key), not every certificate.
 */
public final class Chromium {

    private static final Path BROWSER = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {
    }

    public static WebDriver start() {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("this test needs " + BROWSER + " and " + DRIVER
                    + ": apt-get install -y chromium chromium-driver (bin/test installs them)");
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(BROWSER.toFile())
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--window-size=1280,1700",
                        "--ignore-certificate-errors-spki-list=" + servingKeyHash());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return browser;
    }

    /** Saves what the browser shows as a PNG, e.g. under target/ for a person to look at. */
    public static void screenshot(WebDriver browser, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), file,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** base64(SHA-256(SubjectPublicKeyInfo)) of the test's serving certificate, as Chromium's SPKI list takes it. */
    private static String servingKeyHash() {
        try (InputStream in = Files.newInputStream(TestEnvironment.CERTS.resolve("tls.crt"))) {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the test serving certificate", e);
        }
    }
}
