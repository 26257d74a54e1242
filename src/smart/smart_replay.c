/* Replayed log pages: the files recorded next to a blob NAME.blob (or any smartBlob PATH), named
 * by ATA log address: PATH-stem.log06 (self-test), .log07 (extended self-test, whole pages),
 * .log01 (summary error log), .log03 (extended comprehensive error log, first page), .loge0 (SCT
 * status) and .erc (the two SCT ERC timers as text, "read N" / "write N"). Decoded as a device's
 * pages are (smart_deep_decode) into srvhDiskTable's columns 50..68. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sysroot.h"
#include "smart/smart_read.h"

#define REPLAY_LOG_MAX (16 * SMART_LOG_PAGE)

struct sidecar {
        const char *suffix;
        char *buf;
        size_t len;
};

static void load(const char *stem, size_t stem_len, struct sidecar *s)
{
        char path[512];
        size_t len = 0;
        if (snprintf(path, sizeof(path), "%.*s%s", (int)stem_len, stem, s->suffix) >=
            (int)sizeof(path))
                return;
        if (sysroot_read("/", path, &s->buf, &len) < 0 || len > REPLAY_LOG_MAX) {
                free(s->buf);
                s->buf = NULL;
                return;
        }
        s->len = len;
}

void smart_replay_logs(const char *blob_path, const void *blob, size_t blob_len,
                       struct smart_reading *r)
{
        enum { L06, L07, L01, L03, LE0, ERC, N_SIDECARS };
        struct sidecar s[N_SIDECARS] = {{".log06", NULL, 0}, {".log07", NULL, 0},
                                        {".log01", NULL, 0}, {".log03", NULL, 0},
                                        {".loge0", NULL, 0}, {".erc", NULL, 0}};
        struct smart_log_pages pg = {0};
        const char *dot = strrchr(blob_path, '.'), *slash = strrchr(blob_path, '/');
        size_t stem =
            dot && (!slash || dot > slash) ? (size_t)(dot - blob_path) : strlen(blob_path);

        if (r->status != SMART_READ_OK)
                return;
        for (int i = 0; i < N_SIDECARS; i++)
                load(blob_path, stem, &s[i]);
        (void)smart_blob_find(blob, blob_len, "IDFY", &pg.identify, &pg.identify_len);
#define PAGE(field, k)                                                                             \
        pg.field = (const uint8_t *)s[k].buf;                                                      \
        pg.field##_len = s[k].len
        PAGE(selftest, L06);
        PAGE(xselftest, L07);
        PAGE(errlog, L01);
        PAGE(xerrlog, L03);
        PAGE(sct_status, LE0);
#undef PAGE
        if (s[ERC].buf)
                pg.has_erc = smart_erc_text_decode(s[ERC].buf, s[ERC].len, &pg.erc_read_ds,
                                                   &pg.erc_write_ds) == 0;
        smart_deep_decode(&pg, r->has_power_on, r->power_on_hours, &r->deep);
        if (s[ERC].buf && !pg.has_erc) {
                size_t used = strlen(r->deep.log_error);
                snprintf(r->deep.log_error + used, sizeof(r->deep.log_error) - used,
                         "%sSCT ERC record is malformed", used ? "; " : "");
        }
        for (int i = 0; i < N_SIDECARS; i++)
                free(s[i].buf);
}
