#!/usr/bin/env bash
# Installs the Debian packages plantar needs that are not installed yet (apt-get, with sudo when
# not root). Safe to run again: it only installs what is missing.
set -euo pipefail

packages=(
  # build
  cmake ninja-build g++ pkg-config
  # capture/: HDF5 sessions (with the h5* command-line tools for inspecting files)
  libhdf5-dev hdf5-tools
  # capture/: the USB plate driver, and the daemon's streams (ZeroMQ with the cppzmq header)
  libusb-1.0-0-dev libzmq3-dev cppzmq-dev
  # capture/: vendor exports (FreeXL reads footscan's Excel 97 files)
  libfreexl-dev
  # JSON (ground truth, --json output, daemon control messages) and the command line
  nlohmann-json3-dev libcli11-dev
  # tests: doctest, and h5py as a reader of our files that we did not write
  doctest-dev python3-h5py python3-numpy
  # tests of the USB path without a plate: umockdev replays usbmon captures to libusb
  umockdev libumockdev-dev
  # viz/: the viewer plantar-view (Dear ImGui, whose GLFW and OpenGL3 backends Debian ships as
  # sources, built by third_party/CMakeLists.txt), PNG screenshots with libpng
  libimgui-dev libglfw3-dev libgl-dev libpng-dev
  # tests of the viewer: a real window under Xvfb with Mesa's software OpenGL
  xvfb xauth libgl1-mesa-dri
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages are installed"
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); else
    echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1
  fi
fi
echo "install-deps: installing ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
