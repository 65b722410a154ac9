-- The hourly pruning of old payloads reads only the deliveries that still hold one.
CREATE INDEX deliveries_payload_pruning ON deliveries (processed_at)
    WHERE payload IS NOT NULL AND processed_at IS NOT NULL;
