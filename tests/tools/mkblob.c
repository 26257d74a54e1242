/* Writes a libatasmart blob (skdump --save format) for one of the test disks of blob_builder.h,
 * for the integration tests and the bench: mkblob SCENARIO FILE [temp=C] [realloc=N] [pending=N]
 * [serial=S] [wwn=HEX] [attrs=N] [exec=N] [sata=MBPS] [selftest=LIST] [xselftest=LIST]
 * [errlog=N] [xerrlog=N] [sct=CUR,MIN,MAX,LMIN,LMAX] [erc=R,W|unsupported]; the log options
 * write the pages of log_builder.h next to FILE (.log06 .log07 .log01 .log03 .loge0 .erc).
 * Scenarios: healthy-hdd ssd-no-temp reallocated below-threshold bad-status no-status minutes-quirk
 * truncated garbage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blob_builder.h"
#include "log_builder.h"

/* Log pages written next to FILE (its name without the extension, plus .log06 ...), as the smart
 * module replays them. */
struct sidecars {
        struct lb_test st[21], xst[19];
        size_t n_st, n_xst;
        int errlog, xerrlog; /* -1: no page */
        int sct[5];
        bool has_sct;
        char erc[64]; /* "" none */
};

/* "SUB:STATUS:HOUR[:LBA]/..." oldest first, numbers in C notation (0x82:0x70:1234:5678). */
static int parse_tests(const char *v, struct lb_test *t, size_t max, size_t *n)
{
        char buf[1024];
        snprintf(buf, sizeof(buf), "%s", v);
        *n = 0;
        for (char *save = NULL, *e = strtok_r(buf, "/", &save); e; e = strtok_r(NULL, "/", &save)) {
                char *end;
                if (*n >= max)
                        return -1;
                struct lb_test *x = &t[(*n)++];
                memset(x, 0, sizeof(*x));
                x->subcommand = (uint8_t)strtoul(e, &end, 0);
                if (*end++ != ':')
                        return -1;
                x->status = (uint8_t)strtoul(end, &end, 0);
                if (*end++ != ':')
                        return -1;
                x->hour = (uint16_t)strtoul(end, &end, 0);
                if (*end == ':')
                        x->lba = strtoull(end + 1, &end, 0);
                if (*end)
                        return -1;
        }
        return 0;
}

static int write_file(const char *path, const void *p, size_t n)
{
        FILE *f = fopen(path, "wb");
        if (!f || fwrite(p, 1, n, f) != n || fclose(f) != 0) {
                perror(path);
                return -1;
        }
        return 0;
}

static int write_sidecars(const char *file, const struct sidecars *sc)
{
        char stem[512], path[600];
        uint8_t page[LB_PAGE];
        const char *dot = strrchr(file, '.'), *slash = strrchr(file, '/');
        size_t n = dot && (!slash || dot > slash) ? (size_t)(dot - file) : strlen(file);
        snprintf(stem, sizeof(stem), "%.*s", (int)n, file);
        int r = 0;
        if (sc->n_st) {
                lb_selftest(page, sc->st, sc->n_st, 0);
                snprintf(path, sizeof(path), "%s.log06", stem);
                r |= write_file(path, page, LB_PAGE);
        }
        if (sc->n_xst) {
                lb_xselftest(page, sc->xst, sc->n_xst);
                snprintf(path, sizeof(path), "%s.log07", stem);
                r |= write_file(path, page, LB_PAGE);
        }
        if (sc->errlog >= 0) {
                lb_errlog(page, (uint16_t)sc->errlog);
                snprintf(path, sizeof(path), "%s.log01", stem);
                r |= write_file(path, page, LB_PAGE);
        }
        if (sc->xerrlog >= 0) {
                lb_xerrlog(page, (uint16_t)sc->xerrlog);
                snprintf(path, sizeof(path), "%s.log03", stem);
                r |= write_file(path, page, LB_PAGE);
        }
        if (sc->has_sct) {
                lb_sct_status(page, (int8_t)sc->sct[0], (int8_t)sc->sct[1], (int8_t)sc->sct[2],
                              (int8_t)sc->sct[3], (int8_t)sc->sct[4]);
                snprintf(path, sizeof(path), "%s.loge0", stem);
                r |= write_file(path, page, LB_PAGE);
        }
        if (sc->erc[0]) {
                snprintf(path, sizeof(path), "%s.erc", stem);
                r |= write_file(path, sc->erc, strlen(sc->erc));
        }
        return r;
}

static int usage(void)
{
        fprintf(stderr,
                "usage: mkblob SCENARIO FILE [temp=C] [realloc=N] [pending=N] "
                "[serial=S] [wwn=HEX] [attrs=N] [exec=N] [sata=MBPS] [selftest=LIST]\n"
                "       [xselftest=LIST] [errlog=N] [xerrlog=N] [sct=C,MIN,MAX,LMIN,LMAX]\n"
                "       [erc=R,W|unsupported]   LIST: SUB:STATUS:HOUR[:LBA]/... oldest first\n"
                "scenarios: healthy-hdd ssd-no-temp reallocated below-threshold "
                "bad-status no-status minutes-quirk truncated garbage\n");
        return 2;
}

/* Pads the disk to n attributes (at most BB_ATTRS_MAX, a full SMART DATA page) with counters a
 * disk commonly reports that change none of the derived values (no temperature, hours, cycles or
 * sector counts), as a bench needs full pages. */
static int pad_attrs(struct bb_disk *d, const char *v)
{
        static const uint8_t extra[] = {2,   8,   11,  13,  183, 184, 187, 188, 189, 191,
                                        192, 195, 201, 202, 220, 222, 223, 224, 225, 226,
                                        240, 250, 251, 254, 170, 171, 172, 173, 174, 175};
        unsigned long n = strtoul(v, NULL, 10);
        if (n > BB_ATTRS_MAX)
                return -1;
        for (size_t i = 0; i < sizeof(extra) && d->n_attrs < n; i++) {
                if (!bb_find(d, extra[i]))
                        bb_add(d, extra[i], BB_O, 100, 100, 0, i);
        }
        return 0;
}

static int set_raw(struct bb_disk *d, uint8_t id, const char *v)
{
        struct bb_attr *a = bb_find(d, id);
        if (!a)
                return -1;
        a->raw = strtoull(v, NULL, 10);
        return 0;
}

int main(int argc, char **argv)
{
        if (argc < 3)
                return usage();
        const char *s = argv[1];
        struct bb_disk d;
        uint8_t blob[BB_BLOB_MAX];
        size_t n;
        bool truncate = false, garbage = false;

        if (!strcmp(s, "healthy-hdd") || !strcmp(s, "truncated"))
                bb_healthy_hdd(&d);
        else if (!strcmp(s, "ssd-no-temp"))
                bb_ssd_no_temperature(&d);
        else if (!strcmp(s, "reallocated"))
                bb_reallocated(&d);
        else if (!strcmp(s, "below-threshold"))
                bb_below_threshold(&d);
        else if (!strcmp(s, "bad-status"))
                bb_bad_status(&d);
        else if (!strcmp(s, "no-status"))
                bb_no_status(&d);
        else if (!strcmp(s, "minutes-quirk"))
                bb_minutes_quirk(&d);
        else if (!strcmp(s, "garbage"))
                garbage = true;
        else
                return usage();
        truncate = !strcmp(s, "truncated");

        char serial[32];
        struct sidecars sc = {.errlog = -1, .xerrlog = -1};
        for (int i = 3; i < argc && !garbage; i++) {
                const char *a = argv[i];
                int r = 0;
                if (!strncmp(a, "temp=", 5))
                        r = set_raw(&d, 194, a + 5);
                else if (!strncmp(a, "realloc=", 8))
                        r = set_raw(&d, 5, a + 8);
                else if (!strncmp(a, "pending=", 8))
                        r = set_raw(&d, 197, a + 8);
                else if (!strncmp(a, "serial=", 7)) {
                        snprintf(serial, sizeof(serial), "%s", a + 7);
                        d.serial = serial;
                } else if (!strncmp(a, "attrs=", 6))
                        r = pad_attrs(&d, a + 6);
                else if (!strncmp(a, "wwn=", 4))
                        d.wwn = strtoull(a + 4, NULL, 16);
                else if (!strncmp(a, "exec=", 5))
                        d.self_test_exec = (uint8_t)strtoul(a + 5, NULL, 0);
                else if (!strncmp(a, "sata=", 5)) {
                        unsigned long m = strtoul(a + 5, NULL, 10);
                        d.sata_caps = (uint16_t)(0x0002 | (m >= 3000 ? 0x0004 : 0) |
                                                 (m >= 6000 ? 0x0008 : 0));
                } else if (!strncmp(a, "selftest=", 9)) {
                        if (parse_tests(a + 9, sc.st, 21, &sc.n_st) < 0)
                                return usage();
                } else if (!strncmp(a, "xselftest=", 10)) {
                        if (parse_tests(a + 10, sc.xst, 19, &sc.n_xst) < 0)
                                return usage();
                } else if (!strncmp(a, "errlog=", 7))
                        sc.errlog = atoi(a + 7);
                else if (!strncmp(a, "xerrlog=", 8))
                        sc.xerrlog = atoi(a + 8);
                else if (!strncmp(a, "sct=", 4)) {
                        if (sscanf(a + 4, "%d,%d,%d,%d,%d", &sc.sct[0], &sc.sct[1], &sc.sct[2],
                                   &sc.sct[3], &sc.sct[4]) != 5)
                                return usage();
                        sc.has_sct = true;
                        d.sct_caps |= 0x0001;
                } else if (!strcmp(a, "erc=unsupported")) {
                        d.sct_caps |= 0x0001; /* SCT, but no Error Recovery Control */
                } else if (!strncmp(a, "erc=", 4)) {
                        unsigned rd, wr;
                        if (sscanf(a + 4, "%u,%u", &rd, &wr) != 2)
                                return usage();
                        snprintf(sc.erc, sizeof(sc.erc), "read %u\nwrite %u\n", rd, wr);
                        d.sct_caps |= 0x0009;
                } else
                        return usage();
                if (r < 0) {
                        fprintf(stderr, "mkblob: %s: %s\n", a,
                                !strncmp(a, "attrs=", 6) ? "at most 30 attributes fit a page"
                                                         : "this disk has no such attribute");
                        return 2;
                }
        }

        if (garbage) {
                /* Not a blob: text that happens to start like a record header. */
                n = (size_t)snprintf((char *)blob, sizeof(blob),
                                     "IDFY this is not a blob, just some text\n");
        } else {
                n = bb_blob(&d, blob);
                if (truncate)
                        n = 8 + BB_PAGE + 8 + 4 + 8 + 200; /* cut inside SMDT */
        }
        if (write_file(argv[2], blob, n) < 0 || write_sidecars(argv[2], &sc) < 0)
                return 1;
        return 0;
}
