package io.github.camelzoho.attachments.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Which page a listing asks for next, and the answers from Zoho it refuses to follow because they would loop forever. */
class PageCursorTest {

    private static final String PATH = "/crm/v8/Leads/1/Attachments";

    private static ZohoPageInfo more(String nextPageToken) {
        return new ZohoPageInfo(1, 200, 200, true, nextPageToken);
    }

    @Test
    void pagesByNumberUntilZohoGivesAToken() {
        PageCursor cursor = new PageCursor(1, null);
        assertEquals("page=1", cursor.query());
        cursor.advance(more(null), 200, 200, PATH);
        assertEquals("page=2", cursor.query());
        cursor.advance(more("tok+en/2"), 200, 200, PATH);
        assertEquals("page_token=tok%2Ben%2F2", cursor.query());
        cursor.advance(more("token-3"), 200, 200, PATH);
        assertEquals("page_token=token-3", cursor.query());
    }

    @Test
    void resumesFromATokenAnEarlierListingGave() {
        assertEquals("page_token=saved", new PageCursor(7, "saved").query());
        assertEquals("page=7", new PageCursor(7, null).query());
    }

    @Test
    void refusesAnEmptyPageThatSaysThereIsMore() {
        ZohoApiException e = assertThrows(ZohoApiException.class,
                () -> new PageCursor(1, null).advance(more(null), 0, 200, PATH));
        assertEquals("more_records is true on an empty page; stopping rather than looping", e.getZohoMessage());
        assertEquals(PATH, e.getPath());
    }

    @Test
    void refusesATokenThatRepeatsTheOneJustUsed() {
        PageCursor cursor = new PageCursor(1, "same");
        ZohoApiException e = assertThrows(ZohoApiException.class, () -> cursor.advance(more("same"), 200, 200, PATH));
        assertEquals("next_page_token repeats the token just used; stopping rather than looping", e.getZohoMessage());
    }

    @Test
    void refusesAPageWithoutATokenAfterOneWithAToken() {
        PageCursor cursor = new PageCursor(1, "first");
        ZohoApiException e = assertThrows(ZohoApiException.class, () -> cursor.advance(more(null), 200, 200, PATH));
        assertEquals("more_records is true but no next_page_token follows a page_token", e.getZohoMessage());
    }
}
