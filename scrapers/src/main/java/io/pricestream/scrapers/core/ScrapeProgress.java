package io.pricestream.scrapers.core;

/** Progress of a run as it goes: which source is being read, how many records, how many bytes. */
public interface ScrapeProgress {

    ScrapeProgress NONE = new ScrapeProgress() {
        @Override
        public void sourceStarted(String source) {
        }

        @Override
        public void sourceFinished(String source, long records, long bytes) {
        }
    };

    void sourceStarted(String source);

    void sourceFinished(String source, long records, long bytes);
}
