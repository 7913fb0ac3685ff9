package io.github.camelzoho.attachments.client;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;

/**
 * A Zoho JSON object that keeps the keys its class does not model: Zoho adds keys over time, and a route must pass them on
 * unharmed rather than drop them or fail on them. Jackson reads them into, and writes them back from,
 * {@link #getOtherProperties()}.
 */
public abstract class ZohoExtensibleObject {

    private final Map<String, Object> otherProperties = new LinkedHashMap<>();

    /** Keys Zoho sent that this class does not model, in the order received. */
    @JsonAnyGetter
    public Map<String, Object> getOtherProperties() {
        return otherProperties;
    }

    @JsonAnySetter
    public void setOtherProperty(String key, Object value) {
        otherProperties.put(key, value);
    }
}
