/* The errFix request queue (see exec_fixq.h): a ring of names under a mutex, and an eventfd
 * write so a sleeping collector polls at once. Nothing but a name crosses it. */
#include "exec/exec_fixq.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char ring[EXEC_FIXQ_MAX][EXEC_NAME_MAX + 1];
static size_t head, len;
static int wake_fd = -1;

bool exec_fixq_has_room(void)
{
        pthread_mutex_lock(&lock);
        bool room = len < EXEC_FIXQ_MAX;
        pthread_mutex_unlock(&lock);
        return room;
}

int exec_fixq_push(const char *name)
{
        size_t n = name ? strlen(name) : 0;
        if (n == 0 || n > EXEC_NAME_MAX)
                return -EINVAL;
        pthread_mutex_lock(&lock);
        if (len == EXEC_FIXQ_MAX) {
                pthread_mutex_unlock(&lock);
                return -EAGAIN;
        }
        memcpy(ring[(head + len) % EXEC_FIXQ_MAX], name, n + 1);
        len++;
        int fd = wake_fd;
        if (fd >= 0) {
                uint64_t one = 1;
                ssize_t w = write(fd, &one, sizeof(one));
                (void)w; /* EAGAIN: a wake-up is pending already */
        }
        pthread_mutex_unlock(&lock);
        return 0;
}

size_t exec_fixq_take(char (*names)[EXEC_NAME_MAX + 1], size_t max)
{
        size_t k = 0;
        pthread_mutex_lock(&lock);
        while (len && k < max) {
                memcpy(names[k++], ring[head], sizeof(ring[head]));
                head = (head + 1) % EXEC_FIXQ_MAX;
                len--;
        }
        pthread_mutex_unlock(&lock);
        return k;
}

void exec_fixq_attach(int fd)
{
        pthread_mutex_lock(&lock);
        wake_fd = fd;
        pthread_mutex_unlock(&lock);
}
