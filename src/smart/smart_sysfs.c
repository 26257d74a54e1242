/* What sysfs says of a disk, read at every poll without touching the disk: the md arrays that
 * hold it or one of its partitions (holders/mdN), the kernel's SCSI command timeout
 * (device/timeout) and the SATA link speeds of its ata_link (sata_spd, hw_sata_spd_limit). For
 * srvhDiskRaidArrays, srvhDiskCommandTimeout and srvhDiskLinkSpeed*. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/sysroot.h"
#include "smart/smart_logs.h"

static bool valid_name(const char *name)
{
        return name[0] && name[0] != '.' && !strchr(name, '/') && strlen(name) < 64;
}

/* Append every mdN in DIR/holders to sb, once each. */
static void holders(const char *sysroot, const char *dir, struct strbuf *sb, char *seen)
{
        char rel[256], path[512];
        snprintf(rel, sizeof(rel), "%s/holders", dir);
        if (sysroot_path(sysroot, rel, path, sizeof(path)) < 0)
                return;
        DIR *d = opendir(path);
        struct dirent *e;
        if (!d)
                return;
        while ((e = readdir(d)) != NULL) {
                char word[72];
                if (strncmp(e->d_name, "md", 2) || !valid_name(e->d_name))
                        continue;
                snprintf(word, sizeof(word), " %.63s ", e->d_name); /* valid_name: < 64 */
                char padded[SMART_RAID_NAMES_MAX + 2];
                snprintf(padded, sizeof(padded), " %s ", seen);
                if (strstr(padded, word))
                        continue;
                strbuf_append_sep(sb, " ", "%s", e->d_name);
        }
        closedir(d);
}

static void raid_names(const char *sysroot, const char *name, char *out, size_t outsz)
{
        char dir[128], path[512];
        struct strbuf sb;

        strbuf_init(&sb, out, outsz);
        snprintf(dir, sizeof(dir), "/sys/block/%s", name);
        holders(sysroot, dir, &sb, out);
        if (sysroot_path(sysroot, dir, path, sizeof(path)) < 0)
                return;
        DIR *d = opendir(path);
        struct dirent *e;
        if (!d)
                return;
        while ((e = readdir(d)) != NULL) { /* partitions: sda1, nvme0n1p1 */
                char part[200];
                if (strncmp(e->d_name, name, strlen(name)) || !valid_name(e->d_name) ||
                    !strcmp(e->d_name, name))
                        continue;
                snprintf(part, sizeof(part), "%.120s/%.63s", dir, e->d_name);
                holders(sysroot, part, &sb, out);
        }
        closedir(d);
}

static int read_text(const char *sysroot, const char *path, char *out, size_t outsz)
{
        char *buf;
        size_t len;
        int r = sysroot_read(sysroot, path, &buf, &len);
        if (r < 0)
                return r;
        snprintf(out, outsz, "%s", buf);
        free(buf);
        return 0;
}

/* The slot: the /sys/block link's target without "../" and the trailing "/block/NAME"
 * ("devices/pci0000:00/0000:00:17.0/ata3/host2/target2:0:0/2:0:0:0"); a disk put back on the
 * same port has the same one. */
static void slot_of(const char *target, const char *name, char *out, size_t outsz)
{
        char tail[80];
        size_t n = strlen(target), t;
        while (!strncmp(target, "../", 3)) {
                target += 3;
                n -= 3;
        }
        snprintf(tail, sizeof(tail), "/block/%s", name);
        t = strlen(tail);
        if (n > t && !strcmp(target + n - t, tail))
                snprintf(out, outsz, "%.*s", (int)(n - t), target);
}

/* The ata port of the disk from its /sys/block link ("../devices/.../ata3/host2/..."), and its
 * slot. */
static int ata_port(const char *sysroot, const char *name, unsigned *ret, char *slot, size_t slotsz)
{
        char rel[128], target[512];
        snprintf(rel, sizeof(rel), "/sys/block/%s", name);
        if (sysroot_readlink(sysroot, rel, target, sizeof(target)) < 0)
                return -ENOENT;
        slot_of(target, name, slot, slotsz);
        for (const char *p = strstr(target, "/ata"); p; p = strstr(p + 1, "/ata")) {
                char *end;
                unsigned long n = strtoul(p + 4, &end, 10);
                if (end != p + 4 && *end == '/' && n < 100000) {
                        *ret = (unsigned)n;
                        return 0;
                }
        }
        return -ENOENT;
}

void smart_sysfs_read(const char *sysroot, const char *name, struct smart_sysinfo *si)
{
        char path[160], text[64];
        unsigned port;

        memset(si, 0, sizeof(*si));
        if (!sysroot || !valid_name(name))
                return;
        raid_names(sysroot, name, si->raid, sizeof(si->raid));
        snprintf(path, sizeof(path), "/sys/block/%s/device/timeout", name);
        if (read_text(sysroot, path, text, sizeof(text)) == 0) {
                char *end;
                unsigned long t = strtoul(text, &end, 10);
                if (end != text && (*end == '\n' || !*end) && t > 0 && t < 100000) {
                        si->has_timeout = true;
                        si->timeout_s = (uint32_t)t;
                }
        }
        if (ata_port(sysroot, name, &port, si->slot, sizeof(si->slot)) < 0)
                return;
        snprintf(path, sizeof(path), "/sys/class/ata_link/link%u/sata_spd", port);
        if (read_text(sysroot, path, text, sizeof(text)) == 0 &&
            smart_link_speed_parse(text, &si->link_mbps) == 0)
                si->has_link = true;
        snprintf(path, sizeof(path), "/sys/class/ata_link/link%u/hw_sata_spd_limit", port);
        if (read_text(sysroot, path, text, sizeof(text)) == 0 &&
            smart_link_speed_parse(text, &si->link_max_mbps) == 0)
                si->has_link_max = true;
}
