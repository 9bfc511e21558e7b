import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

/**
 * Draws the ossaat icon (a plan of three steps, the last one waiting for a human) and writes it in the forms the
 * installers take: {@code ossaat.png} (Linux, 256 px), {@code ossaat.ico} (Windows) and {@code ossaat.icns} (macOS).
 * Run as a source file: {@code java installer/IconMaker.java OUT_DIR}. Drawn in code, so no image tool is needed.
 */
public final class IconMaker {

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : ".");
        Files.createDirectories(out);
        Files.write(out.resolve("ossaat.png"), png(256));
        Files.write(out.resolve("ossaat.ico"), ico(List.of(16, 32, 48, 256)));
        Files.write(out.resolve("ossaat.icns"), icns());
    }

    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(size / 512.0, size / 512.0);
        // the tile: a rounded square in the console's accent blue
        g.setPaint(new GradientPaint(0, 32, new Color(0x2F81F7), 0, 480, new Color(0x0B3D91)));
        g.fill(new RoundRectangle2D.Double(24, 24, 464, 464, 112, 112));
        // the plan: three steps on a line, done, done, waiting for approval
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(30, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(128, 256, 384, 256));
        g.fill(new Ellipse2D.Double(128 - 52, 256 - 52, 104, 104));
        g.fill(new Ellipse2D.Double(256 - 52, 256 - 52, 104, 104));
        g.setColor(new Color(0xF0883E));
        g.fill(new Ellipse2D.Double(384 - 60, 256 - 60, 120, 120));
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(20));
        g.draw(new Ellipse2D.Double(384 - 60, 256 - 60, 120, 120));
        g.dispose();
        return img;
    }

    static byte[] png(int size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(draw(size), "png", bytes);
        return bytes.toByteArray();
    }

    /** An ICO holding PNG images (Windows Vista and later read those). */
    static byte[] ico(List<Integer> sizes) throws IOException {
        List<byte[]> images = new ArrayList<>();
        for (int s : sizes) {
            images.add(png(s));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeShort(0);
        out.writeShort(Short.reverseBytes((short) 1));
        out.writeShort(Short.reverseBytes((short) sizes.size()));
        int offset = 6 + 16 * sizes.size();
        for (int i = 0; i < sizes.size(); i++) {
            int s = sizes.get(i);
            out.writeByte(s >= 256 ? 0 : s);
            out.writeByte(s >= 256 ? 0 : s);
            out.writeByte(0);
            out.writeByte(0);
            out.writeShort(Short.reverseBytes((short) 1));
            out.writeShort(Short.reverseBytes((short) 32));
            out.writeInt(Integer.reverseBytes(images.get(i).length));
            out.writeInt(Integer.reverseBytes(offset));
            offset += images.get(i).length;
        }
        for (byte[] image : images) {
            out.write(image);
        }
        return bytes.toByteArray();
    }

    /** An ICNS holding PNG images: ic07 (128 px), ic08 (256 px), ic09 (512 px). */
    static byte[] icns() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(body);
        String[] types = {"ic07", "ic08", "ic09"};
        int[] sizes = {128, 256, 512};
        for (int i = 0; i < types.length; i++) {
            byte[] image = png(sizes[i]);
            out.writeBytes(types[i]);
            out.writeInt(8 + image.length);
            out.write(image);
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DataOutputStream head = new DataOutputStream(file);
        head.writeBytes("icns");
        head.writeInt(8 + body.size());
        body.writeTo(file);
        return file.toByteArray();
    }
}
