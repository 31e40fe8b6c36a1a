/* \summary: output files written whole: beside their name, then renamed */
#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vcflow/outfile.h"

bool outfile_in_place(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && !S_ISREG(st.st_mode);
}

char *outfile_temp(const char *path, const char *what, bool in_tmpdir,
		   FILE **fp)
{
	char *copy1 = strdup(path), *copy2 = strdup(path);
	const char *tmpdir = getenv("TMPDIR");
	char *name = NULL;
	int fd = -1;

	*fp = NULL;
	if (copy1 && copy2) {
		const char *dir = in_tmpdir ? (tmpdir && *tmpdir ? tmpdir : "/tmp")
					    : dirname(copy1);
		const char *base = basename(copy2);
		size_t len = strlen(dir) + strlen(base) + strlen(what) + 16;
		if ((name = malloc(len)) != NULL) {
			snprintf(name, len, "%s/.%s.%s-XXXXXX", dir, base, what);
			fd = mkstemp(name);
		}
	}
	free(copy1);
	free(copy2);
	if (fd >= 0) {
		/* mkstemp makes it private; the output gets what any file
		 * created here would */
		mode_t mask = umask(0);
		umask(mask);
		if (fchmod(fd, (S_IRUSR | S_IWUSR | S_IRGRP | S_IWGRP | S_IROTH |
				S_IWOTH) & ~mask) != 0 ||
		    !(*fp = fdopen(fd, "wb")))
			close(fd);
	}
	if (!*fp) {
		int saved = errno ? errno : ENOMEM;
		if (fd >= 0)
			unlink(name);
		free(name);
		errno = saved;
		return NULL;
	}
	return name;
}

static int fail(char *err, size_t errlen, const char *path, int errnum)
{
	snprintf(err, errlen, "%s: %s", path, strerror(errnum ? errnum : EIO));
	return -1;
}

int outfile_open(struct outfile *of, const char *path, char *err,
		 size_t errlen)
{
	memset(of, 0, sizeof *of);
	if (!(of->path = strdup(path)))
		return fail(err, errlen, path, ENOMEM);
	if (outfile_in_place(path))
		of->fp = fopen(path, "wb");
	else
		of->partial = outfile_temp(path, "partial", false, &of->fp);
	if (!of->fp) {
		int errnum = errno;
		outfile_discard(of);
		return fail(err, errlen, path, errnum);
	}
	return 0;
}

int outfile_close(struct outfile *of, char *err, size_t errlen)
{
	int rc = 0;

	if (of->fp) {
		errno = 0;
		if (fflush(of->fp) != 0 || ferror(of->fp) ||
		    (of->partial && fsync(fileno(of->fp)) != 0))
			rc = fail(err, errlen, of->path, errno);
		if (fclose(of->fp) != 0 && rc == 0)
			rc = fail(err, errlen, of->path, errno);
		of->fp = NULL;
	}
	if (rc == 0 && of->partial && rename(of->partial, of->path) != 0)
		rc = fail(err, errlen, of->path, errno);
	if (rc == 0) {
		free(of->partial);
		of->partial = NULL; /* it is the output now */
	}
	outfile_discard(of);
	return rc;
}

void outfile_discard(struct outfile *of)
{
	if (of->fp)
		fclose(of->fp);
	if (of->partial)
		unlink(of->partial);
	free(of->partial);
	free(of->path);
	memset(of, 0, sizeof *of);
}
