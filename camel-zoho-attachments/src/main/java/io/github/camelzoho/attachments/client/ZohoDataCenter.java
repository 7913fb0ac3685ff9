package io.github.camelzoho.attachments.client;

/**
 * The Zoho data centres: each has its own accounts server (OAuth) and API domain. A client registered in one data centre is
 * unknown to the others, and a token used against another data centre's API domain is rejected with INVALID_TOKEN, so the two
 * must match.
 */
public enum ZohoDataCenter {

    US("https://accounts.zoho.com", "https://www.zohoapis.com"),
    EU("https://accounts.zoho.eu", "https://www.zohoapis.eu"),
    IN("https://accounts.zoho.in", "https://www.zohoapis.in"),
    AU("https://accounts.zoho.com.au", "https://www.zohoapis.com.au"),
    JP("https://accounts.zoho.jp", "https://www.zohoapis.jp"),
    CA("https://accounts.zohocloud.ca", "https://www.zohoapis.ca"),
    CN("https://accounts.zoho.com.cn", "https://www.zohoapis.com.cn"),
    SA("https://accounts.zoho.sa", "https://www.zohoapis.sa"),
    // The UK API domain is not confirmed by Zoho's documentation: the token response's api_domain wins over it.
    UK("https://accounts.zoho.uk", "https://www.zohoapis.uk");

    private final String accountsUrl;
    private final String apiUrl;

    ZohoDataCenter(String accountsUrl, String apiUrl) {
        this.accountsUrl = accountsUrl;
        this.apiUrl = apiUrl;
    }

    /** The OAuth accounts server, e.g. {@code https://accounts.zoho.eu}. */
    public String accountsUrl() {
        return accountsUrl;
    }

    /** The default API domain, e.g. {@code https://www.zohoapis.eu}; the token response's api_domain overrides it. */
    public String apiUrl() {
        return apiUrl;
    }
}
