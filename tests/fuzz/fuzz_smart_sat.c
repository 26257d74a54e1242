/* libFuzzer target for the ATA PASS-THROUGH sense decoder (src/smart/smart_sat.c): any bytes as
 * sense data of any length must decode or be refused without reading past the end, and what
 * decodes must map to a known SMART status and power state; the reply classifier, fed the first
 * bytes as errno, status and host/driver status and the rest as sense, must give a known
 * outcome and claim registers only for a success or an ATA error. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "smart/smart_enums.h"
#include "smart/smart_sat.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct smart_ata_result r;
        if (size >= 4) {
                struct smart_sg_reply rep = {.ioctl_errno = data[0] % 8 == 0 ? 0 : data[0],
                                             .status = data[1],
                                             .host_status = data[2],
                                             .driver_status = data[3],
                                             .sense = data + 4,
                                             .sense_len = size - 4};
                bool has;
                enum smart_sat_outcome o = smart_sat_outcome(&rep, &r, &has);
                if (o > SMART_SAT_FAILED || (has && o != SMART_SAT_OK && o != SMART_SAT_ATA_ERROR))
                        abort();
        }
        if (smart_sat_decode_sense(data, size, &r) != 0)
                return 0;
        int st = smart_sat_smart_status(&r);
        int pm = smart_sat_power_mode(&r);
        if (st < -5 || st > 1 || pm < SMART_POWER_ACTIVE || pm >= SMART_POWER_MAX_)
                abort();
        return 0;
}
