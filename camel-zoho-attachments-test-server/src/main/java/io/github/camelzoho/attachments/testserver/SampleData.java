package io.github.camelzoho.attachments.testserver;

import java.nio.charset.StandardCharsets;

/** The records {@link ZohoTestServer#seedSampleData()} creates, for examples and demos. */
final class SampleData {

    private SampleData() {
    }

    static void seed(AttachmentStore store) {
        String lead = ZohoTestServer.SAMPLE_LEAD_ID;
        store.setRecordName("Leads", lead, "Kris Marrier");
        store.setRecordName("Leads", ZohoTestServer.SAMPLE_EMPTY_LEAD_ID, "Carissa Kidman");
        file(store, "Leads", lead, "Image.jpg", jpeg());
        file(store, "Leads", lead, "Requirements.txt",
                utf8("Kris Marrier - requirements\n- 25 seats\n- SSO with the corporate directory\n"));
        file(store, "Leads", lead, "Proposal.pdf", utf8("%PDF-1.4\n% sample proposal for Kris Marrier\n%%EOF\n"));
        store.add("Leads", lead,
                (id, m, r, p, t) -> StoredAttachment.link(id, m, r, p, "Company website", "https://www.zylker.com", t));

        String deal = ZohoTestServer.SAMPLE_DEAL_ID;
        store.setRecordName("Deals", deal, "Zylker Annual Renewal");
        file(store, "Deals", deal, "Contract.pdf", utf8("%PDF-1.4\n% renewal contract, Zylker\n%%EOF\n"));
        file(store, "Deals", deal, "Pricing.csv", utf8("item,quantity,unit_price\nProfessional edition,25,35.00\n"));
        store.add("Deals", deal,
                (id, m, r, p, t) -> StoredAttachment.generated(id, m, r, p, "Product-demo.mp4", 5L * 1024 * 1024, t));
    }

    private static void file(AttachmentStore store, String module, String record, String name, byte[] content) {
        store.add(module, record, (id, m, r, p, t) -> StoredAttachment.file(id, m, r, p, name, content, t));
    }

    /** The start of a JPEG (SOI and JFIF APP0 markers) and its end marker: enough to be recognised as one. */
    private static byte[] jpeg() {
        return new byte[]{
                (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0x00, 0x01, 0x01,
                0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, (byte) 0xFF, (byte) 0xD9};
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
