package io.pricestream.scrapers.quality;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Posts a Slack-compatible {@code {"text": ...}} message about a run whose verdict is not OK. Best effort: a webhook
 * that fails is logged, it never changes the run's outcome.
 */
public final class QualityWebhook {

    private static final Logger LOG = LoggerFactory.getLogger(QualityWebhook.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public QualityWebhook(URI url) {
        this.url = url;
    }

    /** True when the hook answered 2xx. */
    public boolean post(String text) {
        try {
            String body = JSON.writeValueAsString(Map.of("text", text));
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                LOG.warn("Quality webhook '{}' answered HTTP {}: {}", url, response.statusCode(), response.body());
                return false;
            }
            return true;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.warn("Quality webhook '{}' could not be reached: {}", url, e.toString());
            return false;
        }
    }
}
