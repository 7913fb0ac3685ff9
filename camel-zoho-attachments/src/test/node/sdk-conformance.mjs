// Drives every Attachments operation and the token refresh through Zoho's official Node SDK against a local server.
// Run by ZohoSdkConformanceTest: node sdk-conformance.mjs, with
//   ZOHO_SDK_DIR   the directory whose node_modules holds @zohocrm/nodejs-sdk-8.0
//   ZOHO_BASE_URL  the test server, e.g. http://127.0.0.1:41234
//   ZOHO_WORK_DIR  a scratch directory (the SDK's token file, resources and log)
//   ZOHO_CLIENT_ID, ZOHO_CLIENT_SECRET, ZOHO_REFRESH_TOKEN
//   ZOHO_RECORD_ID, ZOHO_FIELDS, ZOHO_DOWNLOAD_ID, ZOHO_DELETE_IDS (comma-separated, bulk), ZOHO_REFRESH_WAIT_MS
// Prints one JSON line (what each operation returned) and exits 0; any SDK error or unexpected answer exits 1.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { pathToFileURL } from "node:url";

const env = (name) => {
    const value = process.env[name];
    if (value === undefined || value === "") {
        throw new Error("missing environment variable " + name);
    }
    return value;
};

function fail(what, detail) {
    const error = new Error(what + ": " + (typeof detail === "string" ? detail : JSON.stringify(detail, replacer)));
    error.conformance = true;
    throw error;
}

function replacer(key, value) {
    if (typeof value === "bigint") {
        return value.toString();
    }
    if (value instanceof Map) {
        return Object.fromEntries(value);
    }
    return value;
}

const sdkEntry = path.join(env("ZOHO_SDK_DIR"), "node_modules", "@zohocrm", "nodejs-sdk-8.0", "lib", "index.js");
const SDK = await import(pathToFileURL(sdkEntry).href);
const base = env("ZOHO_BASE_URL");
const work = env("ZOHO_WORK_DIR");
const module = "Leads";
const recordId = BigInt(env("ZOHO_RECORD_ID"));
const A = SDK.Attachments;

async function initialize() {
    const environment = new SDK.Environment(base, base + "/oauth/v2/token", base);
    const token = new SDK.OAuthBuilder()
        .clientId(env("ZOHO_CLIENT_ID"))
        .clientSecret(env("ZOHO_CLIENT_SECRET"))
        .refreshToken(env("ZOHO_REFRESH_TOKEN"))
        .build(); // findUser stays on: the SDK asks GET /crm/v8/users?type=CurrentUser, which the server must answer
    const logger = new SDK.LogBuilder().level(SDK.Levels.INFO).filePath(path.join(work, "sdk.log")).build();
    const config = new SDK.SDKConfigBuilder().autoRefreshFields(false).pickListValidation(false).build();
    await (await new SDK.InitializeBuilder())
        .environment(environment)
        .token(token)
        .store(new SDK.FileStore(path.join(work, "sdk_tokens.txt")))
        .SDKConfig(config)
        .resourcePath(work)
        .logger(logger)
        .initialize();
}

/** The SDK's parsed answer, or a failure naming what came back instead. */
async function expectObject(what, response, type) {
    if (response == null) {
        fail(what, "no response");
    }
    const status = response.getStatusCode();
    const object = await response.getObject(); // a Promise for a file download
    if (object instanceof A.APIException) {
        fail(what, { status, code: object.getCode().getValue(), message: object.getMessage() });
    }
    if (!(object instanceof type)) {
        fail(what, { status, unparsed: object == null ? null : object.constructor.name });
    }
    return object;
}

/** Every item of an ActionWrapper must be a SuccessResponse with status success; returns their details. */
function expectSuccesses(what, wrapper, count) {
    const items = wrapper.getData();
    if (!Array.isArray(items) || items.length !== count) {
        fail(what, { expectedItems: count, items: items == null ? null : items.length });
    }
    return items.map((item) => {
        if (!(item instanceof A.SuccessResponse) || item.getStatus().getValue() !== "success") {
            fail(what, {
                item: item == null ? null : item.constructor.name,
                code: item.getCode == null ? null : item.getCode().getValue(),
                message: item.getMessage == null ? null : item.getMessage()
            });
        }
        return { code: item.getCode().getValue(), id: String(item.getDetails().get("id")) };
    });
}

async function list(operations) {
    const params = new SDK.ParameterMap();
    await params.add(A.GetAttachmentsParam.FIELDS, env("ZOHO_FIELDS"));
    await params.add(A.GetAttachmentsParam.PER_PAGE, 200);
    await params.add(A.GetAttachmentsParam.PAGE, 1);
    const wrapper = await expectObject("list", await operations.getAttachments(recordId, module, params), A.ResponseWrapper);
    return wrapper.getData().map((a) => ({ id: String(a.getId()), fileName: a.getFileName(), size: String(a.getSize()) }));
}

async function main() {
    await initialize();
    const operations = new A.AttachmentsOperations();
    const result = {};

    result.list = await list(operations);

    // as the SDK's own samples do: a file on disk (the SDK names the multipart part after the file's path)
    const upload = path.join(work, "conformance.txt");
    fs.writeFileSync(upload, "Signed contract, scanned by Zoho's own SDK\n", "utf8");
    const body = new A.FileBodyWrapper();
    body.setFile(new SDK.StreamWrapper(null, null, upload));
    const uploaded = expectSuccesses("upload",
        await expectObject("upload", await operations.uploadAttachments(recordId, module, body), A.ActionWrapper), 1);
    result.upload = uploaded[0];

    const linkParams = new SDK.ParameterMap();
    await linkParams.add(A.UploadUrlAttachmentsParam.ATTACHMENTURL, "https://www.zylker.com/brochure.pdf");
    await linkParams.add(A.UploadUrlAttachmentsParam.TITLE, "Brochure");
    result.uploadLink = expectSuccesses("upload link",
        await expectObject("upload link", await operations.uploadUrlAttachments(recordId, module, linkParams), A.ActionWrapper),
        1)[0];

    const downloadId = BigInt(env("ZOHO_DOWNLOAD_ID"));
    const file = (await expectObject("download", await operations.getAttachment(downloadId, recordId, module),
        A.FileBodyWrapper)).getFile();
    const stream = file.getStream();
    let bytes;
    if (Buffer.isBuffer(stream) || stream instanceof Uint8Array) {
        bytes = Buffer.from(stream); // the SDK hands a downloaded file over as a Buffer
    } else {
        const chunks = [];
        for await (const chunk of stream) {
            chunks.push(Buffer.from(chunk));
        }
        bytes = Buffer.concat(chunks);
    }
    result.download = {
        name: file.getName(),
        size: bytes.length,
        sha256: crypto.createHash("sha256").update(bytes).digest("hex")
    };

    result.deleteOne = expectSuccesses("delete one",
        await expectObject("delete one", await operations.deleteAttachment(BigInt(result.upload.id), recordId, module),
            A.ActionWrapper), 1)[0];

    const ids = env("ZOHO_DELETE_IDS");
    const deleteParams = new SDK.ParameterMap();
    await deleteParams.add(A.DeleteAttachmentsParam.IDS, ids);
    result.deleteMany = expectSuccesses("delete many",
        await expectObject("delete many", await operations.deleteAttachments(recordId, module, deleteParams), A.ActionWrapper),
        ids.split(",").length);

    // The SDK refreshes a token that expires within 5 seconds: wait for that, then list once more with a new token.
    await new Promise((resolve) => setTimeout(resolve, Number(env("ZOHO_REFRESH_WAIT_MS"))));
    result.listAfterRefresh = await list(operations);

    process.stdout.write(JSON.stringify(result, replacer) + "\n");
}

main().then(() => process.exit(0), (error) => {
    const detail = error && error.conformance ? error.message
        : JSON.stringify(error, replacer) + " " + (error && error.stack ? error.stack : String(error));
    process.stderr.write("SDK CONFORMANCE FAILURE: " + detail + "\n");
    process.exit(1);
});
