import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.camel.dsl.jbang.core.commands.CamelJBangMain;

/**
 * Starts Camel JBang: camel-jbang-core has no main method of its own (see ../camel).
 * <p>
 * {@code camel run} loads the Kamelet catalog of its own version, 4.17.0, which Maven Central does not serve here; this
 * launcher runs Camel 4.18.0 (camel-bom in pom.xml), so it asks for the catalog released with it unless told otherwise.
 */
public final class CamelJBang {

    static final String KAMELETS_VERSION = "4.18.0";

    private CamelJBang() {
    }

    public static void main(String[] args) {
        List<String> arguments = new ArrayList<>(Arrays.asList(args));
        if (!arguments.isEmpty() && arguments.get(0).equals("run")
                && arguments.stream().noneMatch(a -> a.startsWith("--kamelets-version"))) {
            arguments.add("--kamelets-version=" + KAMELETS_VERSION);
        }
        CamelJBangMain.run(arguments.toArray(String[]::new));
    }
}
