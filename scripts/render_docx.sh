#!/usr/bin/env bash
# Render a .docx as a reader sees it: FILE.docx -> OUTDIR/FILE.pdf and OUTDIR/FILE-<page>.png.
# Installs LibreOffice Writer and poppler (Debian packages) when they are missing.
#   scripts/render_docx.sh var/ke-hoach-31.docx /tmp/render [DPI]
set -euo pipefail

if [[ $# -lt 2 ]]; then
    echo "usage: $0 FILE.docx OUTDIR [DPI]" >&2
    exit 2
fi
source_file=$1
out_dir=$2
dpi=${3:-110}
[[ -f $source_file ]] || { echo "no such file: $source_file" >&2; exit 2; }

install_packages() {
    local sudo=""
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null || { echo "need root or sudo to install: $*" >&2; exit 1; }
        sudo="sudo"
    fi
    $sudo apt-get update -qq
    # -nogui is enough and much smaller; older releases only have libreoffice-writer.
    local packages=("$@")
    if [[ " ${packages[*]} " == *" libreoffice-writer-nogui "* ]] \
        && ! apt-cache show libreoffice-writer-nogui >/dev/null 2>&1; then
        packages=("${packages[@]/libreoffice-writer-nogui/libreoffice-writer}")
    fi
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        "${packages[@]}" >/dev/null
}

missing=()
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
# Times New Roman is rarely installed; Liberation Serif has the same metrics, so the pages
# break where Word breaks them. DejaVu covers what Liberation lacks.
fc-list 2>/dev/null | grep -q "Liberation Serif" || missing+=(fonts-liberation)
fc-list 2>/dev/null | grep -q "DejaVu" || missing+=(fonts-dejavu-core)
if [[ ${#missing[@]} -gt 0 ]]; then
    install_packages "${missing[@]}"
fi

mkdir -p "$out_dir"
name=$(basename "${source_file%.*}")
# A private profile: no clash with a LibreOffice already running, nothing left in $HOME.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
if ! soffice -env:UserInstallation="file://$profile" --headless --norestore \
    --convert-to pdf --outdir "$out_dir" "$source_file" >"$profile/log" 2>&1; then
    cat "$profile/log" >&2
    exit 1
fi
pdf="$out_dir/$name.pdf"
[[ -s $pdf ]] || { echo "LibreOffice produced no PDF for $source_file" >&2; exit 1; }
rm -f "$out_dir/$name"-*.png
pdftoppm -png -r "$dpi" "$pdf" "$out_dir/$name"
ls "$pdf" "$out_dir/$name"-*.png
