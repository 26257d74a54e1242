/* Writes a libatasmart blob (skdump --save format) for one of the test disks of blob_builder.h,
 * for the integration tests and the bench: mkblob SCENARIO FILE [temp=C] [realloc=N] [pending=N]
 * [serial=S] [wwn=HEX] [attrs=N]. Scenarios: healthy-hdd ssd-no-temp reallocated below-threshold
 * bad-status no-status minutes-quirk truncated garbage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blob_builder.h"

static int usage(void)
{
        fprintf(stderr, "usage: mkblob SCENARIO FILE [temp=C] [realloc=N] [pending=N] "
                        "[serial=S] [wwn=HEX] [attrs=N]\n"
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
                else
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
        FILE *f = fopen(argv[2], "wb");
        if (!f || fwrite(blob, 1, n, f) != n || fclose(f) != 0) {
                perror(argv[2]);
                return 1;
        }
        return 0;
}
