package io.github.camelzoho.attachments;

import java.util.List;

import io.github.camelzoho.attachments.AttachmentDelivery.Candidate;

/**
 * The consumer's "what is new": which listings a poll sends and which of the attachments they return are candidates for the
 * {@link AttachmentDelivery}, which decides, with the repositories, what is emitted. One of two per consumer:
 * {@link RecordIdDiscovery} when recordId or recordIdSource names the records, {@link ModuleDiscovery} for a whole module.
 */
interface AttachmentDiscovery {

    /**
     * What one poll found: the candidates in emission order, what it listed and through which path (for the poll's DEBUG line),
     * and the listings that failed while others succeeded (thrown once the candidates were emitted), or null.
     */
    record Found(List<Candidate> candidates, String listed, ZohoAttachmentsPollException failure) {
    }

    /** Finds up to {@code limit} candidates, going on from where the last poll stopped. */
    Found next(int limit) throws Exception;

    /** When the consumer stops, after its last exchange. */
    default void stop() {
    }
}
