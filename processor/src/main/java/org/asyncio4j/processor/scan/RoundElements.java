package org.asyncio4j.processor.scan;

import java.io.Writer;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.AnnotatedConstruct;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Name;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * javac's {@link Elements} with the two queries the processor repeats for every method cached for one round:
 * {@link #getAllMembers} (javac builds a fresh list of every member, inherited ones included, on each call) and
 * {@link #getTypeElement(CharSequence)}. Everything else is delegated unchanged.
 *
 * <p>Why per round: a class's members cannot change while a round runs, but a type generated in this round only
 * exists in the next one, so a cache must not outlive its round (issue #6, W7: these calls were ~4% of compile
 * time).
 *
 * <p>Not thread-safe; javac runs processors on one thread.
 */
public final class RoundElements implements Elements {
    private final Elements javac;
    private final Map<TypeElement, List<? extends Element>> allMembers = new IdentityHashMap<>();
    private final Map<String, Optional<TypeElement>> typeElements = new HashMap<>();

    public RoundElements(Elements javac) {
        this.javac = javac;
    }

    @Override
    public List<? extends Element> getAllMembers(TypeElement type) {
        return allMembers.computeIfAbsent(type, javac::getAllMembers);
    }

    @Override
    public TypeElement getTypeElement(CharSequence name) {
        return typeElements.computeIfAbsent(name.toString(), n -> Optional.ofNullable(javac.getTypeElement(n)))
                .orElse(null);
    }

    @Override
    public PackageElement getPackageElement(CharSequence name) {
        return javac.getPackageElement(name);
    }

    @Override
    public Map<? extends ExecutableElement, ? extends AnnotationValue> getElementValuesWithDefaults(
            AnnotationMirror a) {
        return javac.getElementValuesWithDefaults(a);
    }

    @Override
    public String getDocComment(Element e) {
        return javac.getDocComment(e);
    }

    @Override
    public boolean isDeprecated(Element e) {
        return javac.isDeprecated(e);
    }

    @Override
    public Name getBinaryName(TypeElement type) {
        return javac.getBinaryName(type);
    }

    @Override
    public PackageElement getPackageOf(Element e) {
        return javac.getPackageOf(e);
    }

    @Override
    public List<? extends AnnotationMirror> getAllAnnotationMirrors(Element e) {
        return javac.getAllAnnotationMirrors(e);
    }

    @Override
    public boolean hides(Element hider, Element hidden) {
        return javac.hides(hider, hidden);
    }

    @Override
    public boolean overrides(ExecutableElement overrider, ExecutableElement overridden, TypeElement type) {
        return javac.overrides(overrider, overridden, type);
    }

    @Override
    public String getConstantExpression(Object value) {
        return javac.getConstantExpression(value);
    }

    @Override
    public void printElements(Writer w, Element... elements) {
        javac.printElements(w, elements);
    }

    @Override
    public Name getName(CharSequence cs) {
        return javac.getName(cs);
    }

    @Override
    public boolean isFunctionalInterface(TypeElement type) {
        return javac.isFunctionalInterface(type);
    }
    // The methods below have default bodies in Elements; javac overrides them, so delegate to keep its answers.

    @Override
    public TypeElement getTypeElement(ModuleElement module, CharSequence name) {
        return javac.getTypeElement(module, name);
    }

    @Override
    public Set<? extends TypeElement> getAllTypeElements(CharSequence name) {
        return javac.getAllTypeElements(name);
    }

    @Override
    public PackageElement getPackageElement(ModuleElement module, CharSequence name) {
        return javac.getPackageElement(module, name);
    }

    @Override
    public Set<? extends PackageElement> getAllPackageElements(CharSequence name) {
        return javac.getAllPackageElements(name);
    }

    @Override
    public ModuleElement getModuleElement(CharSequence name) {
        return javac.getModuleElement(name);
    }

    @Override
    public Set<? extends ModuleElement> getAllModuleElements() {
        return javac.getAllModuleElements();
    }

    @Override
    public ModuleElement getModuleOf(Element e) {
        return javac.getModuleOf(e);
    }

    @Override
    public Origin getOrigin(Element e) {
        return javac.getOrigin(e);
    }

    @Override
    public Origin getOrigin(AnnotatedConstruct c, AnnotationMirror a) {
        return javac.getOrigin(c, a);
    }

    @Override
    public Origin getOrigin(ModuleElement m, ModuleElement.Directive directive) {
        return javac.getOrigin(m, directive);
    }

    @Override
    public boolean isBridge(ExecutableElement e) {
        return javac.isBridge(e);
    }

    @Override
    public boolean isAutomaticModule(ModuleElement module) {
        return javac.isAutomaticModule(module);
    }

    @Override
    public RecordComponentElement recordComponentFor(ExecutableElement accessor) {
        return javac.recordComponentFor(accessor);
    }
}
