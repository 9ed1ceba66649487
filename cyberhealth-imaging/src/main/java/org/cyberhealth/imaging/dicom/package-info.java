/**
 * A focused DICOM Part 10 codec (PS3.5 data structures and encoding, PS3.10 file format), written for
 * watermarking: read a file, get its pixels as one {@link org.cyberhealth.imaging.Raster}, put changed
 * pixels back and write a file that differs from the input only in those pixel bytes.
 *
 * <ul>
 *   <li>Syntaxes: Implicit VR Little Endian, Explicit VR Little Endian, Explicit VR Big Endian and
 *       Deflated Explicit VR Little Endian are read, written and transcoded into one another. Files
 *       without preamble, or without file meta information, are read (the syntax is then guessed from the
 *       first element). Compressed (encapsulated) syntaxes: the header is read; pixel access, writing and
 *       transcoding are refused, naming the syntax and a tool that decompresses it.</li>
 *   <li>Byte-exact preservation: every element keeps its VR as written, its raw value (odd lengths
 *       included), and whether sequences and items had defined or undefined length; group lengths are kept
 *       as read, as are zero bytes after the data set. So writing an unchanged file in its own syntax gives
 *       the input back byte for byte. Transcoding recomputes group lengths and the meta group.</li>
 *   <li>Deflate: writing an unchanged deflated data set emits the original compressed bytes. After a pixel
 *       change, the data set is compressed with the zlib level (0-9) and strategy (default, filtered,
 *       Huffman-only) that reproduce the original stream, found by trying them; a stream no such setting
 *       reproduces (another compressor) is replaced by one at zlib's default level 6. Only the inflated data
 *       set is then guaranteed identical outside the pixels.</li>
 *   <li>Implicit VR needs a dictionary: {@code dicom-vr.dict}, generated from PS3.6 via pydicom by
 *       {@code cyberhealth-imaging/tools/generate_dicom_vr_dictionary.py}. Unknown tags are UN.</li>
 *   <li>Untrusted input: every declared length is checked against the bytes that remain before anything
 *       is allocated, sequences nest at most 64 deep, the inflated data set is limited to 256 MiB, and every
 *       problem is one {@link org.cyberhealth.core.BadInputException} line with tag and byte offset.</li>
 * </ul>
 */
package org.cyberhealth.imaging.dicom;
