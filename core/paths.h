/*
 * paths.h - where hearth keeps its files, by the XDG base directory
 * specification: the configuration under $XDG_CONFIG_HOME/hearth (else
 * ~/.config/hearth), data under $XDG_DATA_HOME/hearth (else
 * ~/.local/share/hearth). A variable that is not an absolute path is
 * ignored, as the specification says. The directories are not created
 * here (mkdir_parents does, when a file is written).
 */
#ifndef HEARTH_PATHS_H
#define HEARTH_PATHS_H

/* $XDG_CONFIG_HOME/hearth/name, or ~/.config/hearth/name; caller frees. */
char *path_config(const char *name);
/* $XDG_DATA_HOME/hearth/name, or ~/.local/share/hearth/name; caller frees. */
char *path_data(const char *name);
/* $HOME/name (the current directory's name without HOME), for files a
 * user is offered to write: exports, reports; caller frees. */
char *path_home(const char *name);
/* "~/x" is $HOME/x, as in a shell; any other path is copied as it is.
 * Caller frees. */
char *path_expand_home(const char *path);

#endif
