/**
 * Not API: what the client and the Camel component share but users do not import (the checks of every value that goes into a
 * Zoho request). It may change in any release; import from {@code io.github.camelzoho.attachments.client} instead.
 */
package io.github.camelzoho.attachments.client.internal;
