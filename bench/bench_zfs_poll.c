/* Measures the polls of the ZFS collector on replayed output: POOLS pools of one raidz2 with
 * VDEVS disks each (defaults 32 and 8), a 3-bucket DDT histogram and 4 deduplicated datasets per
 * pool, a state kstat per pool, through the real runner and tests/tools/zpool_replay.sh, in the
 * text forms or (FORM json) the -j forms of OpenZFS 2.3. Prints, for the polls that run zpool
 * and for the kstat-only polls between two runs, the median, minimum and maximum time and the
 * children spawned per poll; then the heap one snapshot holds and the process's private
 * (anonymous) memory. */
#include <malloc.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/module.h"
#include "zfs/zfs_config.h"
#include "zfs/zfs_model.h"

extern const struct module_ops zfs_module;

static int64_t now_us(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static FILE *open_in(const char *dir, const char *name)
{
        char path[512];
        snprintf(path, sizeof(path), "%s/%s", dir, name);
        FILE *f = fopen(path, "w");
        if (!f) {
                perror(path);
                exit(1);
        }
        return f;
}

/* The JSON forms of the same pools, as OpenZFS 2.3 prints them with -p. */
static void write_replay_json(const char *replay, int pools, int vdevs)
{
        FILE *l = open_in(replay, "listjson.out"), *s = open_in(replay, "statusjson.out"),
             *g = open_in(replay, "getjson.out");
        fputs("{\"output_version\": {\"command\": \"zpool list\", \"vers_major\": 0, "
              "\"vers_minor\": 1}, \"pools\": {",
              l);
        fputs("{\"output_version\": {\"command\": \"zpool status\", \"vers_major\": 0, "
              "\"vers_minor\": 1}, \"pools\": {",
              s);
        fputs("{\"output_version\": {\"command\": \"zfs get\", \"vers_major\": 0, "
              "\"vers_minor\": 1}, \"datasets\": {",
              g);
        for (int p = 0; p < pools; p++) {
                fprintf(l,
                        "%s\"pool%02d\": {\"name\": \"pool%02d\", \"state\": \"ONLINE\", "
                        "\"properties\": {\"size\": {\"value\": \"64000000000000\"}, "
                        "\"allocated\": {\"value\": \"21000000000000\"}, \"free\": {\"value\": "
                        "\"43000000000000\"}, \"fragmentation\": {\"value\": \"%d\"}, "
                        "\"capacity\": {\"value\": \"33\"}, \"dedupratio\": {\"value\": "
                        "\"1.%02d\"}, \"health\": {\"value\": \"ONLINE\"}}}",
                        p ? ", " : "", p, p, p % 40, p % 100);
                fprintf(s,
                        "%s\"pool%02d\": {\"name\": \"pool%02d\", \"state\": \"ONLINE\", "
                        "\"scan_stats\": {\"function\": \"SCRUB\", \"state\": \"FINISHED\", "
                        "\"end_time\": \"Sun Nov 22 03:24:21 2026\", \"errors\": \"0\"}, "
                        "\"vdevs\": {\"pool%02d\": {\"name\": \"pool%02d\", \"read_errors\": "
                        "\"0\", \"write_errors\": \"0\", \"checksum_errors\": \"0\", \"vdevs\": "
                        "{\"raidz2-0\": {\"name\": \"raidz2-0\", \"state\": \"ONLINE\", "
                        "\"read_errors\": \"0\", \"write_errors\": \"0\", \"checksum_errors\": "
                        "\"0\", \"vdevs\": {",
                        p ? ", " : "", p, p, p, p);
                for (int v = 0; v < vdevs; v++)
                        fprintf(s,
                                "%s\"ata-HGST_HUH721010AL_%04d%02d\": {\"name\": "
                                "\"ata-HGST_HUH721010AL_%04d%02d\", \"state\": \"ONLINE\", "
                                "\"read_errors\": \"0\", \"write_errors\": \"0\", "
                                "\"checksum_errors\": \"0\"}",
                                v ? ", " : "", p, v, p, v);
                fprintf(s,
                        "}}}}}, \"error_count\": \"0\", \"dedup_stats\": {\"obj_count\": "
                        "\"%d\", \"dspace\": \"1730\", \"mspace\": \"216\", \"histogram\": {",
                        1000 + p);
                for (int b = 0; b < 3; b++)
                        fprintf(s,
                                "%s\"%d\": {\"refcnt\": \"%d\", \"allocated\": {\"blocks\": "
                                "\"4290\", \"lsize\": \"549453824\", \"psize\": \"522190848\", "
                                "\"dsize\": \"523239424\"}, \"referenced\": {\"blocks\": \"8580\", "
                                "\"lsize\": \"1098907648\", \"psize\": \"1044381696\", "
                                "\"dsize\": \"1046478848\"}}",
                                b ? ", " : "", 1 << b, 1 << b);
                fputs("}}}", s);
                for (int d = 0; d < 4; d++)
                        fprintf(
                            g,
                            "%s\"pool%02d/ds%d\": {\"name\": \"pool%02d/ds%d\", \"properties\": "
                            "{\"dedup\": {\"value\": \"on\"}, \"compressratio\": {\"value\": "
                            "\"1.%02d\"}}}",
                            p || d ? ", " : "", p, d, p, d, d);
        }
        fputs("}}\n", l);
        fputs("}}\n", s);
        fputs("}}\n", g);
        fclose(l);
        fclose(s);
        fclose(g);
}

static void write_replay(const char *replay, int pools, int vdevs)
{
        FILE *l = open_in(replay, "list.out"), *s = open_in(replay, "status.out"),
             *g = open_in(replay, "get.out");
        for (int p = 0; p < pools; p++) {
                fprintf(l, "pool%02d\t%llu\t%llu\t%llu\t%d\t%d\t1.%02d\tONLINE\n", p,
                        64000000000000ull, 21000000000000ull, 43000000000000ull, p % 40, 33,
                        p % 100);
                fprintf(s,
                        "  pool: pool%02d\n state: ONLINE\n  scan: scrub repaired 0B in 10:11:12 "
                        "with 0 errors on Sun Nov 22 03:24:21 2026\nconfig:\n\n"
                        "\tNAME                          STATE     READ WRITE CKSUM\n"
                        "\tpool%02d                        ONLINE       0     0     0\n"
                        "\t  raidz2-0                    ONLINE       0     0     0\n",
                        p, p);
                for (int v = 0; v < vdevs; v++)
                        fprintf(s,
                                "\t    ata-HGST_HUH721010AL_%04d%02d ONLINE       0     0     0\n",
                                p, v);
                fprintf(
                    s,
                    "\n dedup: DDT entries %d, size 1730 on disk, 216 in core\n\n"
                    "bucket              allocated                       referenced\n"
                    "______   ______________________________   ______________________________\n"
                    "refcnt   blocks   LSIZE   PSIZE   DSIZE   blocks   LSIZE   PSIZE   DSIZE\n"
                    "------   ------   -----   -----   -----   ------   -----   -----   -----\n"
                    "     1    4.19K    524M    498M    499M    4.19K    524M    498M    499M\n"
                    "     2    1.05K    134M    128M    128M    2.21K    283M    270M    270M\n"
                    "     4      312   39.0M   37.2M   37.2M    1.31K    163M    156M    156M\n"
                    " Total    5.55K    697M    663M    664M    7.71K    970M    924M    925M\n\n"
                    "errors: No known data errors\n\n",
                    1000 + p);
                for (int d = 0; d < 4; d++)
                        fprintf(g,
                                "pool%02d/ds%d\tdedup\ton\tlocal\npool%02d/"
                                "ds%d\tcompressratio\t1.%02d\t-\n",
                                p, d, p, d, d);
        }
        fclose(l);
        fclose(s);
        fclose(g);
}

static int cmp_i64(const void *a, const void *b)
{
        int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
        return x < y ? -1 : x > y;
}

static long status_kib(const char *key)
{
        FILE *f = fopen("/proc/self/status", "r");
        char line[256];
        long v = -1;
        while (f && fgets(line, sizeof(line), f))
                if (strncmp(line, key, strlen(key)) == 0)
                        v = strtol(line + strlen(key), NULL, 10);
        if (f)
                fclose(f);
        return v;
}

static int64_t fake_clock_ms;
static int64_t fake_now(void)
{
        return fake_clock_ms;
}

static int count_lines(const char *path)
{
        FILE *f = fopen(path, "r");
        int n = 0, c;
        while (f && (c = fgetc(f)) != EOF)
                n += c == '\n';
        if (f)
                fclose(f);
        return n;
}

struct phase {
        int64_t *t;
        int calls;
};

/* POLLS polls, advancing the clock by step_ms before each; the children they spawned. */
static int run_phase(struct module_ctx *ctx, int polls, int64_t step_ms, const char *calls_log,
                     struct phase *ph, size_t *heap, struct snap **keep)
{
        int before = count_lines(calls_log);
        for (int i = 0; i < polls; i++) {
                fake_clock_ms += step_ms;
                size_t m0 = mallinfo2().uordblks;
                struct snap *s = snap_new();
                s->polled_at = (int64_t)time(NULL);
                int64_t t0 = now_us();
                int r = zfs_module.poll(ctx, s);
                ph->t[i] = now_us() - t0;
                if (r < 0) {
                        fprintf(stderr, "poll failed: %s\n", s->error_text);
                        return -1;
                }
                *heap = mallinfo2().uordblks - m0;
                snap_free(*keep);
                *keep = s;
        }
        ph->calls = count_lines(calls_log) - before;
        qsort(ph->t, (size_t)polls, sizeof(*ph->t), cmp_i64);
        return 0;
}

static void print_phase(const char *what, const struct phase *ph, int polls)
{
        printf("%s: median %.2f ms, min %.2f ms, max %.2f ms; children per poll %.2f\n", what,
               ph->t[polls / 2] / 1000.0, ph->t[0] / 1000.0, ph->t[polls - 1] / 1000.0,
               (double)ph->calls / polls);
}

int main(int argc, char **argv)
{
        int pools = argc > 1 ? atoi(argv[1]) : 32, vdevs = argc > 2 ? atoi(argv[2]) : 8;
        int polls = argc > 3 ? atoi(argv[3]) : 20;
        bool json = argc > 4 && strcmp(argv[4], "json") == 0;
        if (pools < 1 || pools > 99 || vdevs < 1 || vdevs > 99 || polls < 1 || polls > 10000 ||
            (argc > 4 && !json && strcmp(argv[4], "text") != 0)) {
                fprintf(stderr, "usage: %s [POOLS 1..99] [VDEVS 1..99] [POLLS] [text|json]\n",
                        argv[0]);
                return 2;
        }
        char dir[] = "/tmp/srvh-bench-zfs-XXXXXX", cmd[1024], path[600];
        if (!mkdtemp(dir))
                return 1;
        snprintf(cmd, sizeof(cmd),
                 "mkdir -p '%s/bin/replay' '%s/root/proc/spl/kstat/zfs' && cp '%s' '%s/bin/zpool' "
                 "&& cp '%s' '%s/root/proc/spl/kstat/zfs/arcstats'",
                 dir, dir, SRVH_SOURCE_DIR "/tests/tools/zpool_replay.sh", dir,
                 SRVH_SOURCE_DIR "/tests/fixtures/zfs/kstat/arcstats-2.1.txt", dir);
        if (system(cmd) != 0)
                return 1;
        for (int p = 0; p < pools; p++) {
                snprintf(cmd, sizeof(cmd),
                         "mkdir -p '%s/root/proc/spl/kstat/zfs/pool%02d' && echo ONLINE "
                         ">'%s/root/proc/spl/kstat/zfs/pool%02d/state'",
                         dir, p, dir, p);
                if (system(cmd) != 0)
                        return 1;
        }
        snprintf(path, sizeof(path), "%s/bin/replay", dir);
        write_replay(path, pools, vdevs);
        if (json)
                write_replay_json(path, pools, vdevs);

        struct zfs_config *cfg = zfs_config_ops.new_config();
        char err[256], root[600], calls_log[600];
        snprintf(path, sizeof(path), "%s/bin/zpool", dir);
        snprintf(root, sizeof(root), "%s/root", dir);
        snprintf(calls_log, sizeof(calls_log), "%s/bin/replay/calls.log", dir);
        if (zfs_config_ops.parse(cfg, "zpoolPath", path, err, sizeof(err)) < 0 ||
            zfs_config_ops.parse(cfg, "zfsPath", path, err, sizeof(err)) < 0)
                return 1;
        struct module_ctx ctx = {
            .sysroot = root, .config = cfg, .cancel_fd = -1, .wait_fd = -1, .now_ms = fake_now};
        zfs_module.init(&ctx);
        fake_clock_ms = 1000000;

        struct phase first = {calloc(1, sizeof(int64_t)), 0};
        struct phase runs = {calloc((size_t)polls, sizeof(int64_t)), 0};
        struct phase between = {calloc((size_t)polls, sizeof(int64_t)), 0};
        size_t heap = 0;
        struct snap *keep = NULL;
        /* the first poll probes for -j; then the polls of a 60 s interval, each running zpool;
         * then the kstat-only polls poolStateInterval (5 s) apart between two runs */
        ctx.interval_s = 60;
        if (run_phase(&ctx, 1, 0, calls_log, &first, &heap, &keep) < 0 ||
            run_phase(&ctx, polls, 60000, calls_log, &runs, &heap, &keep) < 0)
                return 1;
        size_t pools_seen = keep->tables[0].n, vdevs_seen = keep->tables[1].n,
               datasets_seen = keep->tables[3].n, ddt_seen = keep->tables[4].n;
        int light = polls < 11 ? polls : 11; /* 11 x 5 s: all inside one 60 s interval */
        if (run_phase(&ctx, light, 5000, calls_log, &between, &heap, &keep) < 0)
                return 1;
        printf("%d pools x %d vdevs, %s forms: %zu pool, %zu vdev, %zu dataset, %zu DDT rows\n",
               pools, vdevs, json ? "JSON" : "text", pools_seen, vdevs_seen, datasets_seen,
               ddt_seen);
        print_phase("first poll (probes -j)", &first, 1);
        print_phase("polls running zpool", &runs, polls);
        print_phase("kstat-only polls between runs", &between, light);
        printf("heap held by one snapshot: %zu KiB; process RssAnon (private) after the run %ld "
               "KiB\n",
               heap / 1024, status_kib("RssAnon:"));
        snap_free(keep);
        zfs_module.teardown(&ctx);
        zfs_config_ops.free_config(cfg);
        free(first.t);
        free(runs.t);
        free(between.t);
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
        return system(cmd) == 0 ? 0 : 1;
}
