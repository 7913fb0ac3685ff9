package io.github.camelzoho.attachments;

/** Where a consumer starts on a record it has not watched before. */
public enum ZohoStartFrom {
    /** Emit every attachment the record already has. */
    beginning,
    /** Record the existing attachments as seen without emitting them; only later ones flow. */
    now
}
