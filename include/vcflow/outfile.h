/* \summary: output files written whole: beside their name, then renamed */
#ifndef VCFLOW_OUTFILE_H
#define VCFLOW_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/*
 * A file written at the end of a run (the report, --save-unexpected's
 * capture) goes to a temporary name in its folder and is renamed into
 * place once whole, so what stands under its name is complete.  A name
 * that is not a regular file (a device, a pipe) is written in place:
 * renaming over it would replace the device.
 */
struct outfile {
	char *path;
	char *partial; /* the temporary name, or NULL when written in place */
	FILE *fp;
};

/* True when path names something other than a regular file. */
bool outfile_in_place(const char *path);

/* A new empty file "DIR/.NAME.WHAT-XXXXXX" named after path, in its folder
 * (or in $TMPDIR), with the mode any new file gets; NULL with errno. */
char *outfile_temp(const char *path, const char *what, bool in_tmpdir,
		   FILE **fp);

/* Opens of->fp; -1 with "PATH: why" in err. */
int outfile_open(struct outfile *of, const char *path, char *err,
		 size_t errlen);

/* Flushes and closes of->fp (the caller may have closed it already and set
 * it NULL) and puts the file in place; -1 with "PATH: why" in err, the
 * name then left as it was. */
int outfile_close(struct outfile *of, char *err, size_t errlen);

/* Gives up: closes of->fp and removes the temporary file. */
void outfile_discard(struct outfile *of);

#endif
